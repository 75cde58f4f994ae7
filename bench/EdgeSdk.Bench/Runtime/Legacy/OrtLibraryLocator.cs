// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Decides where libonnxruntime.so.1 is loaded from. The engine runs inside MSBuild's plugin
// AssemblyLoadContext and inside the CLI, so no DllImport resolver is involved: the binding loads the
// file it finds here explicitly. EDGE_ONNXRUNTIME_PATH, when set, is the only candidate (a wrong explicit
// path is reported, never silently replaced); otherwise: the engine's runtimes/linux-x64/native folder, the
// engine's own folder, then .tools/onnxruntime/linux-x64 in any parent of the app or engine folder.
namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Lists the candidate paths of the ONNX Runtime native library, most specific first.</summary>
internal static class OrtLibraryLocator
{
    /// <summary>The environment variable that overrides every other location.</summary>
    public const string PathVariable = "EDGE_ONNXRUNTIME_PATH";

    /// <summary>The library's file name on Linux.</summary>
    public const string FileName = "libonnxruntime.so.1";

    /// <summary>Returns every path probed, in order, without duplicates (only the override when one is given).</summary>
    public static IReadOnlyList<string> CandidatePaths(string? overridePath, string engineFolder, string appFolder)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            return [Path.GetFullPath(Directory.Exists(overridePath) ? Path.Combine(overridePath, FileName) : overridePath)];
        }

        var paths = new List<string>();
        paths.Add(Path.Combine(engineFolder, "runtimes", "linux-x64", "native", FileName));
        paths.Add(Path.Combine(engineFolder, FileName));
        foreach (var start in new[] { appFolder, engineFolder })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                paths.Add(Path.Combine(dir.FullName, ".tools", "onnxruntime", "linux-x64", FileName));
            }
        }

        return paths.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the candidate paths for this process (environment, engine assembly and app folders).</summary>
    public static IReadOnlyList<string> CandidatePaths() => CandidatePaths(
        Environment.GetEnvironmentVariable(PathVariable),
        Path.GetDirectoryName(typeof(OrtLibraryLocator).Assembly.Location) ?? AppContext.BaseDirectory,
        AppContext.BaseDirectory);
}
