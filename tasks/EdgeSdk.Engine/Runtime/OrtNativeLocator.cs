// Decides where the native ONNX Runtime library is loaded from. The managed package
// (Microsoft.ML.OnnxRuntime.Managed) P/Invokes "onnxruntime"; the engine installs its own resolver on that
// assembly so the same rule holds in MSBuild's plugin load context (in-proc and task host), the CLI and
// tests: EDGE_ONNXRUNTIME_PATH when set (the only candidate then: a wrong explicit path is reported, never
// silently replaced), else runtimes/<host RID>/native/ beside the ORT assembly or the app, else the library
// beside them. The SDK package ships one runtimes/<rid>/native folder per supported build host.
using System.Runtime.InteropServices;

namespace EdgeSdk.Runtime;

/// <summary>Lists the candidate paths of the ONNX Runtime native library for a host, most specific first.</summary>
internal static class OrtNativeLocator
{
    /// <summary>The environment variable that overrides every other location.</summary>
    public const string PathVariable = "EDGE_ONNXRUNTIME_PATH";

    /// <summary>The runtime identifiers whose native library the SDK package carries.</summary>
    public static IReadOnlyList<string> SupportedRids { get; } = ["linux-x64", "linux-arm64", "osx-arm64", "win-x64", "win-arm64"];

    /// <summary>Gets the runtime identifier of the native library this process needs (e.g. <c>linux-x64</c>), or null when no package RID fits.</summary>
    public static string? HostRid() => RidFor(HostOs(), RuntimeInformation.ProcessArchitecture);

    /// <summary>Gets this host's operating system as the locator distinguishes them (Windows, macOS, else Linux).</summary>
    public static OSPlatform HostOs() => OperatingSystem.IsWindows() ? OSPlatform.Windows : OperatingSystem.IsMacOS() ? OSPlatform.OSX : OSPlatform.Linux;

    /// <summary>Gets the package RID for an operating system and process architecture, or null when the package has none.</summary>
    public static string? RidFor(OSPlatform os, Architecture architecture)
    {
        var arch = architecture switch
        {
            Architecture.X64 => "x64",
            Architecture.Arm64 => "arm64",
            _ => null,
        };
        var osName = os == OSPlatform.Windows ? "win" : os == OSPlatform.OSX ? "osx" : os == OSPlatform.Linux ? "linux" : null;
        var rid = arch is null || osName is null ? null : $"{osName}-{arch}";
        return rid is not null && SupportedRids.Contains(rid) ? rid : null;
    }

    /// <summary>Gets the library's file name on an operating system.</summary>
    public static string FileName(OSPlatform os) =>
        os == OSPlatform.Windows ? "onnxruntime.dll" : os == OSPlatform.OSX ? "libonnxruntime.dylib" : "libonnxruntime.so";

    /// <summary>Gets the library's file name on this host.</summary>
    public static string HostFileName() => FileName(HostOs());

    /// <summary>Returns every path to probe, in order, without duplicates (only the override when one is given).</summary>
    /// <param name="overridePath">The value of <see cref="PathVariable"/> (a file or a folder), or null.</param>
    /// <param name="rid">The host's package RID, or null.</param>
    /// <param name="fileName">The library's file name.</param>
    /// <param name="folders">Folders to probe, most specific first (the ORT assembly's, then the app's).</param>
    public static IReadOnlyList<string> CandidatePaths(string? overridePath, string? rid, string fileName, IEnumerable<string> folders)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return [Path.GetFullPath(Directory.Exists(overridePath) ? Path.Combine(overridePath, fileName) : overridePath)];
        }

        var paths = new List<string>();
        var list = folders.ToList();
        if (rid is not null)
        {
            paths.AddRange(list.Select(f => Path.Combine(f, "runtimes", rid, "native", fileName)));
        }

        paths.AddRange(list.Select(f => Path.Combine(f, fileName)));
        return paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns every path to probe for a host with operating system <paramref name="os"/> and process architecture <paramref name="architecture"/>.</summary>
    /// <param name="os">The host's operating system.</param>
    /// <param name="architecture">The process architecture.</param>
    /// <param name="overridePath">The value of <see cref="PathVariable"/>, or null.</param>
    /// <param name="folders">Folders to probe, most specific first.</param>
    public static IReadOnlyList<string> CandidatePaths(OSPlatform os, Architecture architecture, string? overridePath, IEnumerable<string> folders) =>
        CandidatePaths(overridePath, RidFor(os, architecture), FileName(os), folders);

    /// <summary>Returns the first candidate for the given host that <paramref name="exists"/> accepts, or null (the rule the resolver loads by, without loading).</summary>
    /// <param name="os">The host's operating system.</param>
    /// <param name="architecture">The process architecture.</param>
    /// <param name="overridePath">The value of <see cref="PathVariable"/>, or null.</param>
    /// <param name="folders">Folders to probe, most specific first.</param>
    /// <param name="exists">Whether a file exists (injected for tests; <see cref="File.Exists(string)"/> in production).</param>
    public static string? Resolve(OSPlatform os, Architecture architecture, string? overridePath, IEnumerable<string> folders, Func<string, bool> exists) =>
        CandidatePaths(os, architecture, overridePath, folders).FirstOrDefault(exists);

    /// <summary>Returns the candidate paths for this process (environment, ORT assembly, engine and app folders).</summary>
    public static IReadOnlyList<string> CandidatePaths() => CandidatePaths(
        HostOs(),
        RuntimeInformation.ProcessArchitecture,
        Environment.GetEnvironmentVariable(PathVariable),
        new[]
        {
            Path.GetDirectoryName(typeof(Microsoft.ML.OnnxRuntime.OrtEnv).Assembly.Location),
            Path.GetDirectoryName(typeof(OrtNativeLocator).Assembly.Location),
            AppContext.BaseDirectory,
        }.Where(d => !string.IsNullOrEmpty(d)).Select(d => d!));
}
