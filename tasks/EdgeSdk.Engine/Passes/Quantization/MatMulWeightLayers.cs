// The layers dynamic and weight-only quantization rewrite (MatMul, and Gemm without transA, with a
// constant 2-D float weight), and the node selection applied to them: the same selector as static QDQ, so
// exclusions and first/last-layer rules mean the same in every mode.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>MatMul/Gemm layers with a constant weight.</summary>
internal static class MatMulWeightLayers
{
    /// <summary>Returns whether <paramref name="node"/> is a MatMul/Gemm with a constant 2-D float weight that dynamic and weight-only quantization can rewrite.</summary>
    public static bool IsEligible(ModelGraph graph, NodeProto node) =>
        (node.OpType == "MatMul" || (node.OpType == "Gemm" && node.GetInt("transA", 0) == 0))
        && string.IsNullOrEmpty(node.Domain)
        && graph.GetInitializer(node.Input[1]) is { Dims.Count: 2, DataType: (int)TensorElementType.Float };

    /// <summary>Returns every eligible layer in topological order.</summary>
    public static List<NodeProto> All(ModelGraph graph) => graph.TopologicalOrder().Where(n => IsEligible(graph, n)).ToList();

    /// <summary>Returns the eligible layers the selection lets the mode quantize, in topological order.</summary>
    public static List<NodeProto> Selected(ModelGraph graph, QuantizationOptions options)
    {
        var layers = All(graph);
        var selector = new QuantizationNodeSelector(graph, layers, NodeSelectionOptions.From(options));
        return layers.Where(selector.Selects).ToList();
    }
}
