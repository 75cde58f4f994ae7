// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Reads one native output value into a managed result: a Tensor for tensor outputs, and a clear EDGE3004
// for values Run cannot return as a single Tensor (sequences, maps, an optional holding nothing).
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Converts native output values.</summary>
internal static unsafe class OrtOutputReader
{
    /// <summary>Gets the kind of a native value.</summary>
    public static OnnxValueKind KindOf(OrtApi api, nint value, string name)
    {
        int kind;
        OrtStatus.Check(api, api.GetValueType(value, &kind), $"reading the kind of '{name}'");
        return (OnnxValueKind)kind;
    }

    /// <summary>Reads a tensor output; throws EDGE3004 naming the value when it is not a tensor.</summary>
    public static Tensor ReadTensor(OrtLibrary library, nint value, string name, string declared)
    {
        if (value == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Runtime.UnsupportedValue, $"Output '{declared}' has no value (an optional output that was not produced). Use InferenceSession.RunValues to receive optional outputs.");
        }

        var kind = KindOf(library.Api, value, name);
        if (kind != OnnxValueKind.Tensor)
        {
            throw new EdgeException(DiagnosticCatalog.Runtime.UnsupportedValue, $"Output '{declared}' is a {kind}, not a tensor. Use InferenceSession.RunValues to receive sequences and optional values.");
        }

        return OrtValueConverter.ToTensor(library, value, name);
    }
}
