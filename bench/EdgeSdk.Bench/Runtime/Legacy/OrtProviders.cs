// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Which execution providers the loaded ONNX Runtime build offers, and its build description; used by the
// `edgesdk providers` command and by evaluation reports. Only the CPU provider is used to run models.
using System.Runtime.InteropServices;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Queries the loaded ONNX Runtime about itself.</summary>
internal static unsafe class OrtProviders
{
    /// <summary>Gets the execution providers compiled into the loaded library, in ORT's order.</summary>
    public static IReadOnlyList<string> Available()
    {
        var library = OrtLibrary.Instance;
        var api = library.Api;
        byte** names;
        int count;
        OrtStatus.Check(api, api.GetAvailableProviders(&names, &count), "listing execution providers");
        try
        {
            var result = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                result.Add(Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty);
            }

            return result;
        }
        finally
        {
            OrtStatus.Check(api, api.ReleaseAvailableProviders(names, count), "releasing the provider list");
        }
    }

    /// <summary>Gets ORT's build information string (version, git commit, build options).</summary>
    public static string BuildInfo() => Marshal.PtrToStringUTF8((nint)OrtLibrary.Instance.Api.GetBuildInfoString()) ?? string.Empty;
}
