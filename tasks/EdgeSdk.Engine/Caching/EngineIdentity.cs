// The versions of the code that produced a step result: the engine build (its assembly's module version
// id, which changes with every change to the engine's code, so two machines share entries only when they
// run the same SDK build) and the ONNX Runtime version. Both enter every cache key.
using EdgeSdk.IO;
using EdgeSdk.Runtime;

namespace EdgeSdk.Caching;

/// <summary>Versions that enter every step cache key.</summary>
internal static class EngineIdentity
{
    private static readonly Lazy<string> RuntimeLazy = new(() =>
    {
        try
        {
            return OrtRuntime.Instance.Version;
        }
        catch (Diagnostics.EdgeException)
        {
            return "unavailable";
        }
    });

    /// <summary>Gets the engine's version and build id, e.g. <c>0.1.0.0+5c1f…</c>.</summary>
    public static string EngineBuild { get; } = $"{Fingerprint.EngineVersion}+{typeof(EngineIdentity).Assembly.ManifestModule.ModuleVersionId:N}";

    /// <summary>Gets the ONNX Runtime version the passes run with.</summary>
    public static string OnnxRuntimeVersion => RuntimeLazy.Value;
}
