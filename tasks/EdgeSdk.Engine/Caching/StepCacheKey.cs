// The key of a step result in the caches: the sha256 of the step's fingerprint (input model digest, pass
// name and version, bound options, digests of the data it reads, target profile, engine version) together
// with the engine build and the ONNX Runtime version. A result that depends on measurements of the build
// machine is stored under a second key that adds the host's CPU model and ISA.
using System.Security.Cryptography;
using System.Text;

namespace EdgeSdk.Caching;

/// <summary>The cache keys of one step.</summary>
/// <param name="Portable">The key shared by every machine (64 lowercase hex digits).</param>
/// <param name="Host">The key for results that depend on this machine's CPU.</param>
internal sealed record StepCacheKey(string Portable, string Host)
{
    /// <summary>The version of the key and entry layout; bump it when either changes.</summary>
    public const string Schema = "edgesdk-step-cache/1";

    /// <summary>Returns the keys of a step with <paramref name="fingerprint"/> on this engine, runtime and host.</summary>
    public static StepCacheKey For(string fingerprint) =>
        For(fingerprint, EngineIdentity.EngineBuild, EngineIdentity.OnnxRuntimeVersion, HostIdentity.Text);

    /// <summary>Returns the keys for explicit engine, runtime and host identities.</summary>
    public static StepCacheKey For(string fingerprint, string engineBuild, string runtimeVersion, string host)
    {
        var portable = Hash($"schema={Schema}\nfingerprint={fingerprint}\nengine={engineBuild}\nonnxruntime={runtimeVersion}\n");
        return new StepCacheKey(portable, Hash($"portable={portable}\nhost={host}\n"));
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
