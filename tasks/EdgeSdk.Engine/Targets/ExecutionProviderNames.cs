// The execution providers a target profile may name: each with ONNX Runtime's name (what
// OrtEnv.GetAvailableProviders() returns, and what manifests record) and the short name profiles and recipes
// may write instead (`execution_providers: [xnnpack, cpu]`). Kept in Targets so that recipes (which validate
// the names) and the runtime (which appends the providers) share one list.
namespace EdgeSdk.Targets;

/// <summary>Known ONNX Runtime execution providers and their short names.</summary>
internal static class ExecutionProviderNames
{
    /// <summary>ONNX Runtime's name of the CPU provider, the fallback of every session.</summary>
    public const string Cpu = "CPUExecutionProvider";

    /// <summary>Gets every known provider as (short name, ONNX Runtime name), in documentation order.</summary>
    public static IReadOnlyList<(string Short, string Ort)> Known { get; } =
    [
        ("cpu", Cpu),
        ("xnnpack", "XnnpackExecutionProvider"),
        ("cuda", "CUDAExecutionProvider"),
        ("tensorrt", "TensorrtExecutionProvider"),
        ("coreml", "CoreMLExecutionProvider"),
        ("openvino", "OpenVINOExecutionProvider"),
        ("dnnl", "DnnlExecutionProvider"),
        ("dml", "DmlExecutionProvider"),
        ("acl", "ACLExecutionProvider"),
        ("armnn", "ArmNNExecutionProvider"),
        ("qnn", "QNNExecutionProvider"),
        ("nnapi", "NnapiExecutionProvider"),
        ("webgpu", "WebGpuExecutionProvider"),
    ];

    /// <summary>Gets every name a profile may write: the short names, then ONNX Runtime's names.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [.. Known.Select(k => k.Short), .. Known.Select(k => k.Ort)];

    /// <summary>Returns ONNX Runtime's name for a short or full provider name (case-insensitive), or null when unknown.</summary>
    public static string? ToOrtName(string name)
    {
        foreach (var (shortName, ort) in Known)
        {
            if (string.Equals(name, shortName, StringComparison.OrdinalIgnoreCase) || string.Equals(name, ort, StringComparison.OrdinalIgnoreCase))
            {
                return ort;
            }
        }

        return null;
    }

    /// <summary>Returns the short name of a provider given by ONNX Runtime's name, or the name itself when it is not known.</summary>
    public static string ToShortName(string ortName) =>
        Known.FirstOrDefault(k => string.Equals(k.Ort, ortName, StringComparison.OrdinalIgnoreCase)).Short ?? ortName;
}
