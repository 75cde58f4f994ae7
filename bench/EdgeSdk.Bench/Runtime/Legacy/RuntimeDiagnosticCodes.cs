// Diagnostic codes of the ONNX Runtime binding (EDGE3xxx). EDGE3001 and EDGE3003 are shared and live in
// DiagnosticCodes; the ones only the binding raises live here.
namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Codes the runtime binding reports.</summary>
internal static class RuntimeDiagnosticCodes
{
    /// <summary>A value (input or output) has a type the binding does not marshal: a map, an opaque value, or an exotic element type.</summary>
    public const string UnsupportedValue = "EDGE3004";

    /// <summary>An input tensor does not fit the model's declared input (checked before ORT when it helps the message).</summary>
    public const string InvalidInput = "EDGE3005";

    /// <summary>A run was cancelled through its CancellationToken.</summary>
    public const string RunCancelled = "EDGE3006";
}
