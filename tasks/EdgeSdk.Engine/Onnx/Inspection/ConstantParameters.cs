// Weights held by Constant nodes instead of initializers. paddle2onnx (PP-OCR and other Paddle models) and
// some TensorFlow converters export every weight as a Constant node, so counting initializers alone reports
// "Parameters: 0". Counted like initializers: every tensor except int64 (shapes, indices) and strings.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Inspection;

/// <summary>Counts the parameters that Constant nodes of a graph hold.</summary>
internal static class ConstantParameters
{
    /// <summary>Returns the element count and byte size of the weight tensors in the graph's Constant nodes.</summary>
    public static (long Count, long Bytes) Of(GraphProto graph)
    {
        long count = 0, bytes = 0;
        foreach (var node in graph.Node.Where(n => n.OpType == "Constant" && n.Domain is "" or "ai.onnx"))
        {
            foreach (var attribute in node.Attribute)
            {
                switch (attribute.Name)
                {
                    case "value" when attribute.T is { } t && (TensorElementType)t.DataType is not (TensorElementType.Int64 or TensorElementType.String):
                        var n = Tensor.ElementCount(t.Dims.ToArray());
                        count += n;
                        bytes += TensorByteSize.Of((TensorElementType)t.DataType, n) ?? 0;
                        break;
                    case "sparse_value" when attribute.SparseTensor?.Values is { } v && (TensorElementType)v.DataType is not (TensorElementType.Int64 or TensorElementType.String):
                        var sparse = Tensor.ElementCount(v.Dims.ToArray());
                        count += sparse;
                        bytes += TensorByteSize.Of((TensorElementType)v.DataType, sparse) ?? 0;
                        break;
                    case "value_float":
                        count += 1;
                        bytes += 4;
                        break;
                    case "value_floats":
                        count += attribute.Floats.Count;
                        bytes += 4L * attribute.Floats.Count;
                        break;
                }
            }
        }

        return (count, bytes);
    }
}
