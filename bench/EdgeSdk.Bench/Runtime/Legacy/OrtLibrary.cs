// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Loads libonnxruntime once per process and exposes its API table and the process-wide OrtEnv.
// Loading goes through NativeLibrary.Load on an explicit path and GetExport("OrtGetApiBase"), so it works
// the same in MSBuild's plugin load context, the CLI and tests. A missing library is EDGE3001 listing
// every path probed.
using System.Runtime.InteropServices;
using System.Text;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>The loaded ONNX Runtime: API table, process-wide environment and CPU memory info.</summary>
internal sealed unsafe class OrtLibrary
{
    private static readonly object Gate = new();
    private static volatile OrtLibrary? instance;

    private OrtLibrary(string path, nint handle, OrtApi api, nint env, nint cpuMemoryInfo, nint allocator, string version)
    {
        Path = path;
        Handle = handle;
        Api = api;
        Env = env;
        CpuMemoryInfo = cpuMemoryInfo;
        DefaultAllocator = allocator;
        Version = version;
    }

    /// <summary>Gets the loaded library (loading it on first use); throws EDGE3001 when it cannot be found.</summary>
    public static OrtLibrary Instance
    {
        get
        {
            if (instance is not null)
            {
                return instance;
            }

            lock (Gate)
            {
                return instance ??= Load(OrtLibraryLocator.CandidatePaths());
            }
        }
    }

    /// <summary>Gets the path the library was loaded from.</summary>
    public string Path { get; }

    /// <summary>Gets the native library handle.</summary>
    public nint Handle { get; }

    /// <summary>Gets the API table.</summary>
    public OrtApi Api { get; }

    /// <summary>Gets the process-wide <c>OrtEnv</c> (never released: ORT shares one per process).</summary>
    public nint Env { get; }

    /// <summary>Gets a CPU <c>OrtMemoryInfo</c> for tensors that wrap managed memory.</summary>
    public nint CpuMemoryInfo { get; }

    /// <summary>Gets ORT's default CPU allocator (owned by ORT, never released).</summary>
    public nint DefaultAllocator { get; }

    /// <summary>Gets ORT's version string, e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    /// <summary>Loads the first existing candidate; throws EDGE3001 listing the probed paths when none loads.</summary>
    public static OrtLibrary Load(IReadOnlyList<string> candidates)
    {
        var failures = new List<string>();
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                failures.Add($"{candidate} (not found)");
                continue;
            }

            if (!NativeLibrary.TryLoad(candidate, out var handle))
            {
                failures.Add($"{candidate} (exists but could not be loaded)");
                continue;
            }

            if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out var getApiBase))
            {
                failures.Add($"{candidate} (no OrtGetApiBase export: not an ONNX Runtime library)");
                continue;
            }

            return Initialize(candidate, handle, getApiBase);
        }

        throw new EdgeException(
            DiagnosticCatalog.Runtime.NativeLibraryNotFound,
            $"The ONNX Runtime native library {OrtLibraryLocator.FileName} could not be loaded. Probed: {string.Join("; ", failures)}. "
            + (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(OrtLibraryLocator.PathVariable))
                ? $"Set {OrtLibraryLocator.PathVariable} to the library's path, or run eng/fetch-onnxruntime.sh."
                : $"{OrtLibraryLocator.PathVariable} is set, so no other location is tried: fix or unset it."));
    }

    private static OrtLibrary Initialize(string path, nint handle, nint getApiBase)
    {
        var apiBase = ((delegate* unmanaged<nint*>)getApiBase)();
        var getApi = (delegate* unmanaged<uint, nint>)apiBase[0];
        var getVersion = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersion()) ?? "?";
        var table = getApi(OrtApi.Version);
        if (table == 0)
        {
            throw new EdgeException(
                DiagnosticCatalog.Runtime.NativeLibraryNotFound,
                $"The ONNX Runtime library at {path} is version {version}, which does not provide C API version {OrtApi.Version}. Use ONNX Runtime 1.30 or newer (eng/fetch-onnxruntime.sh).");
        }

        var api = new OrtApi(table);
        nint env, memoryInfo, allocator;
        fixed (byte* logId = Encoding.UTF8.GetBytes("EdgeSdk\0"))
        {
            OrtStatus.Check(api, api.CreateEnv(3 /* ORT_LOGGING_LEVEL_ERROR */, logId, &env), "creating the ONNX Runtime environment");
        }

        OrtStatus.Check(api, api.CreateCpuMemoryInfo(0 /* OrtDeviceAllocator */, 0 /* OrtMemTypeDefault */, &memoryInfo), "creating CPU memory info");
        OrtStatus.Check(api, api.GetAllocatorWithDefaultOptions(&allocator), "getting the default allocator");
        return new OrtLibrary(path, handle, api, env, memoryInfo, allocator, version);
    }
}
