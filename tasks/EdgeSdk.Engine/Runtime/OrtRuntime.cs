// The process's ONNX Runtime, through the official managed package: installs the native resolver, creates
// the one OrtEnv (error-level logging, so ORT prints nothing on a good run) and answers what the installation
// is: version, native library path, execution providers. A library that cannot be loaded is EDGE3001
// listing every path probed.
using EdgeSdk.Diagnostics;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>The loaded ONNX Runtime.</summary>
internal sealed class OrtRuntime
{
    private static readonly object Gate = new();
    private static volatile OrtRuntime? instance;

    private OrtRuntime(Ort.OrtEnv env, string version, string? path, IReadOnlyList<string> providers)
    {
        Env = env;
        Version = version;
        LibraryPath = path;
        Providers = providers;
    }

    /// <summary>Gets the loaded runtime (loading it on first use); throws EDGE3001 when the native library cannot be loaded.</summary>
    public static OrtRuntime Instance
    {
        get
        {
            if (instance is not null)
            {
                return instance;
            }

            lock (Gate)
            {
                return instance ??= Load();
            }
        }
    }

    /// <summary>Gets the version of the managed package the engine was built against.</summary>
    public static string PackageVersion { get; } =
        typeof(Ort.OrtEnv).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().Select(a => a.InformationalVersion.Split('+')[0]).FirstOrDefault()
        ?? typeof(Ort.OrtEnv).Assembly.GetName().Version?.ToString(3) ?? "?";

    /// <summary>Gets the process-wide environment.</summary>
    public Ort.OrtEnv Env { get; }

    /// <summary>Gets the native library's version, e.g. <c>1.31.1</c>.</summary>
    public string Version { get; }

    /// <summary>Gets the path the native library was loaded from (null when the .NET host resolved it from the app's deps.json).</summary>
    public string? LibraryPath { get; }

    /// <summary>Gets the execution providers compiled into the loaded library, in ORT's order.</summary>
    public IReadOnlyList<string> Providers { get; }

    /// <summary>Runs <paramref name="action"/>, turning ORT's exceptions into EDGE3003 naming <paramref name="what"/>.</summary>
    public static T Call<T>(Func<T> action, string what)
        where T : allows ref struct
    {
        try
        {
            return action();
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OrtError.From(ex, what);
        }
    }

    /// <summary>Runs <paramref name="action"/>, turning ORT's exceptions into EDGE3003 naming <paramref name="what"/>.</summary>
    public static void Call(Action action, string what)
    {
        try
        {
            action();
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OrtError.From(ex, what);
        }
    }

    private static OrtRuntime Load()
    {
        OrtNativeResolver.Install();
        var overridePath = Environment.GetEnvironmentVariable(OrtNativeLocator.PathVariable);
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            var failures = new List<string>();
            if (OrtNativeResolver.LoadFirst(OrtNativeLocator.CandidatePaths(), failures, out _) == 0)
            {
                throw NotLoadable(failures, explicitPath: true, inner: null);
            }
        }

        try
        {
            var env = Ort.OrtEnv.IsCreated
                ? Ort.OrtEnv.Instance()
                : CreateEnv();
            return new OrtRuntime(env, env.GetVersionString(), OrtNativeResolver.LoadedPath, env.GetAvailableProviders());
        }
        catch (Exception ex) when (ex is DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw NotLoadable(OrtNativeResolver.Failures, explicitPath: false, ex);
        }
    }

    private static Ort.OrtEnv CreateEnv()
    {
        var options = new Ort.EnvironmentCreationOptions { logId = "EdgeSdk", logLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        return Ort.OrtEnv.CreateInstanceWithOptions(ref options);
    }

    /// <summary>Creates the EDGE3001 error listing <paramref name="failures"/>.</summary>
    internal static EdgeException NotLoadable(IReadOnlyList<string> failures, bool explicitPath, Exception? inner) => new(
        DiagnosticCatalog.Runtime.NativeLibraryNotFound,
        $"The ONNX Runtime native library ({OrtNativeLocator.HostFileName()} for {OrtNativeLocator.HostRid() ?? "this unsupported platform"}) could not be loaded. "
        + $"Probed: {(failures.Count == 0 ? "nothing" : string.Join("; ", failures))}"
        + (inner is null ? ". " : $" ({inner.GetBaseException().Message}). ")
        + (explicitPath
            ? $"{OrtNativeLocator.PathVariable} is set, so no other location is tried: fix or unset it."
            : $"Supported build hosts: {string.Join(", ", OrtNativeLocator.SupportedRids)}; set {OrtNativeLocator.PathVariable} to a library's path to use another."),
        inner: inner);
}
