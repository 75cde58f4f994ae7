// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Translates SessionOptions into a native OrtSessionOptions object, released right after the session is
// created (ORT copies what it needs).
using System.Text;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>An owned native <c>OrtSessionOptions</c>.</summary>
internal sealed unsafe class NativeSessionOptions : IDisposable
{
    private readonly OrtApi api;

    private NativeSessionOptions(OrtApi api, nint handle)
    {
        this.api = api;
        Handle = handle;
    }

    /// <summary>Gets the native pointer.</summary>
    public nint Handle { get; private set; }

    /// <summary>Creates native options from <paramref name="options"/>.</summary>
    public static NativeSessionOptions Create(OrtLibrary library, SessionOptions options)
    {
        var api = library.Api;
        nint handle;
        OrtStatus.Check(api, api.CreateSessionOptions(&handle), "creating session options");
        var native = new NativeSessionOptions(api, handle);
        try
        {
            native.Apply(options);
            return native;
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Handle != 0)
        {
            api.ReleaseSessionOptions(Handle);
            Handle = 0;
        }
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s + "\0");

    private void Apply(SessionOptions o)
    {
        OrtStatus.Check(api, api.SetIntraOpNumThreads(Handle, o.IntraOpThreads), "setting intra-op threads");
        OrtStatus.Check(api, api.SetInterOpNumThreads(Handle, o.InterOpThreads), "setting inter-op threads");
        OrtStatus.Check(api, api.SetSessionGraphOptimizationLevel(Handle, (int)o.GraphOptimizationLevel), "setting the graph optimization level");
        OrtStatus.Check(api, api.SetSessionExecutionMode(Handle, (int)o.ExecutionMode), "setting the execution mode");
        OrtStatus.Check(api, api.SetSessionLogSeverityLevel(Handle, 3), "setting the log level");
        if (o.OptimizedModelFilePath is not null)
        {
            fixed (byte* path = Utf8(Path.GetFullPath(o.OptimizedModelFilePath)))
            {
                OrtStatus.Check(api, api.SetOptimizedModelFilePath(Handle, path), "setting the optimized model path");
            }
        }

        if (o.ProfilingFilePrefix is not null)
        {
            fixed (byte* prefix = Utf8(o.ProfilingFilePrefix))
            {
                OrtStatus.Check(api, api.EnableProfiling(Handle, prefix), "enabling profiling");
            }
        }

        var entries = new SortedDictionary<string, string>(o.ConfigEntries.ToDictionary(), StringComparer.Ordinal);
        if (o.SaveOrtFormat)
        {
            entries[SessionOptions.SaveModelFormatKey] = "ORT";
        }

        foreach (var (key, value) in entries)
        {
            fixed (byte* k = Utf8(key), v = Utf8(value))
            {
                OrtStatus.Check(api, api.AddSessionConfigEntry(Handle, k, v), $"setting session config entry '{key}'");
            }
        }

        foreach (var (name, value) in o.FreeDimensionOverrides.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            fixed (byte* n = Utf8(name))
            {
                OrtStatus.Check(api, api.AddFreeDimensionOverrideByName(Handle, n, value), $"overriding dimension '{name}'");
            }
        }
    }
}
