// Converts between a layer's ONNX weight layout and the [output channels, inputs] matrix view that
// GPTQ rounding and bias correction work in (Conv [Cout, Cin·kh·kw] as stored; Gemm with transB and
// MatMul [K, N] transposed), and back to a per-channel QuantizedWeight in the ONNX layout.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Row views of Conv/Gemm/MatMul weights.</summary>
internal static class LayerWeights
{
    /// <summary>Returns whether the layer's weight is stored [K, N] (transposed relative to the row view).</summary>
    public static bool IsColumnMajor(NodeProto node) => node.OpType == "MatMul" || (node.OpType == "Gemm" && node.GetInt("transB", 0) == 0);

    /// <summary>Returns the weight as [rows, k] (one row per output channel).</summary>
    public static (float[] Rows, int RowCount, int K, long[] Shape) ToRows(ModelGraph graph, NodeProto node)
    {
        var proto = graph.GetInitializer(node.Input[1])!;
        var w = TensorProtoConverter.ToFloatArray(proto);
        var shape = proto.Dims.ToArray();
        if (!IsColumnMajor(node))
        {
            var rows = (int)shape[0];
            return (w, rows, w.Length / rows, shape);
        }

        int k = (int)shape[0], n = (int)shape[1];
        var t = new float[w.Length];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < n; c++)
            {
                t[(c * k) + r] = w[(r * n) + c];
            }
        }

        return (t, n, k, shape);
    }

    /// <summary>Builds the ONNX-layout quantized weight from row-view integers and scales.</summary>
    public static QuantizedWeight FromRows(NodeProto node, sbyte[] rows, int rowCount, int k, float[] scales, long[] shape, bool perChannel)
    {
        var axis = perChannel ? (IsColumnMajor(node) ? 1 : 0) : -1;
        if (!IsColumnMajor(node))
        {
            return new QuantizedWeight(rows, scales, axis, shape);
        }

        var values = new sbyte[rows.Length];
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < k; c++)
            {
                values[(c * rowCount) + r] = rows[(r * k) + c];
            }
        }

        return new QuantizedWeight(values, scales, axis, shape);
    }
}
