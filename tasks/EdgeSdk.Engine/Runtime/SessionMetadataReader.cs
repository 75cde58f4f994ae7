// Reads a session's declared inputs or outputs (names, kinds, element types, shapes) once, when the session
// is created, from the managed package's NodeMetadata, unwrapping sequences and optionals to their tensor.
using EdgeSdk.Tensors;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Reads <see cref="ValueMetadata"/> from a managed session.</summary>
internal static class SessionMetadataReader
{
    /// <summary>Reads the declared inputs (or outputs) of <paramref name="session"/>, in model order.</summary>
    public static List<ValueMetadata> Read(Ort.InferenceSession session, bool isInput)
    {
        var names = isInput ? session.InputNames : session.OutputNames;
        var metadata = isInput ? session.InputMetadata : session.OutputMetadata;
        return names.Select(n => Read(n, metadata[n])).ToList();
    }

    private static ValueMetadata Read(string name, Ort.NodeMetadata node)
    {
        var kind = (OnnxValueKind)(int)node.OnnxValueType;
        var (elementType, shape, symbols) = Inner(node);
        return new ValueMetadata(name, kind, elementType, shape, symbols);
    }

    private static (TensorElementType, long[], string?[]) Inner(Ort.NodeMetadata node)
    {
        switch (node.OnnxValueType)
        {
            case Ort.OnnxValueType.ONNX_TYPE_TENSOR:
                var shape = node.Dimensions.Select(d => d < 0 ? -1L : d).ToArray();
                var symbols = node.SymbolicDimensions.Select(s => string.IsNullOrEmpty(s) ? null : s).ToArray();
                return (OrtElementTypes.FromOrt((int)node.ElementDataType), shape, symbols);
            case Ort.OnnxValueType.ONNX_TYPE_SEQUENCE:
                return Inner(node.AsSequenceMetadata().ElementMeta);
            case Ort.OnnxValueType.ONNX_TYPE_OPTIONAL:
                return Inner(node.AsOptionalMetadata().ElementMeta);
            default:
                return (TensorElementType.Undefined, [], []);
        }
    }
}
