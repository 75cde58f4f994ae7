// Parameters and multiply-accumulates of each weighted layer (Conv, Gemm, MatMul with a constant weight),
// so pruning and factorization can report before/after per layer. MACs come from the evaluator's MacCounter.
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Pruning;

/// <summary>The cost of one weighted layer.</summary>
/// <param name="Node">Node name.</param>
/// <param name="OpType">Operator.</param>
/// <param name="InChannels">Input channels / features.</param>
/// <param name="OutChannels">Output channels / features.</param>
/// <param name="Parameters">Weight plus bias elements.</param>
/// <param name="Macs">Multiply-accumulates per sample, or -1 when the output shape is unknown.</param>
internal sealed record LayerCost(string Node, string OpType, long InChannels, long OutChannels, long Parameters, long Macs);

/// <summary>Computes <see cref="LayerCost"/> for every weighted layer and model totals.</summary>
internal static class LayerCostAnalysis
{
    /// <summary>Returns the cost of every Conv/Gemm/MatMul whose weight is an initializer, in graph order.</summary>
    public static IReadOnlyList<LayerCost> Analyze(ModelGraph graph)
    {
        var shapes = StaticShapes.Infer(graph);
        var result = new List<LayerCost>();
        foreach (var node in graph.Nodes)
        {
            if (node.OpType is not ("Conv" or "Gemm" or "MatMul") || node.Input.Count < 2 || graph.GetInitializer(node.Input[1]) is not { } weight)
            {
                continue;
            }

            var w = weight.Dims.ToArray();
            var parameters = w.Aggregate(1L, (a, b) => a * b) + BiasElements(graph, node);
            var (macs, known) = MacCounter.Count(node, name => shapes.TryGetValue(name, out var d) ? new ValueShape(Tensors.TensorElementType.Float, d) : null);
            macs = known ? macs : -1;
            switch (node.OpType)
            {
                case "Conv":
                    result.Add(new LayerCost(node.Name, node.OpType, w[1] * node.GetInt("group", 1), w[0], parameters, macs));
                    break;
                case "Gemm":
                {
                    var transB = node.GetInt("transB", 0) != 0;
                    result.Add(new LayerCost(node.Name, node.OpType, transB ? w[1] : w[0], transB ? w[0] : w[1], parameters, macs));
                    break;
                }

                default:
                    if (w.Length == 2)
                    {
                        result.Add(new LayerCost(node.Name, node.OpType, w[0], w[1], parameters, macs));
                    }

                    break;
            }
        }

        return result;
    }

    /// <summary>Counts every float parameter of the model (dense initializers plus sparse ones at their dense size).</summary>
    public static long TotalParameters(ModelGraph graph) =>
        graph.Graph.Initializer.Where(t => t.DataType is (int)TensorProto.Types.DataType.Float or (int)TensorProto.Types.DataType.Float16)
            .Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b))
        + graph.Graph.SparseInitializer.Sum(t => t.Dims.Aggregate(1L, (a, b) => a * b));

    /// <summary>Sums MACs of the layers whose MACs are known.</summary>
    public static long TotalMacs(IEnumerable<LayerCost> layers) => layers.Where(l => l.Macs >= 0).Sum(l => l.Macs);

    private static long BiasElements(ModelGraph graph, NodeProto node) =>
        node.OpType is "Conv" or "Gemm" && node.Input.Count > 2 && graph.GetInitializer(node.Input[2]) is { } b
            ? b.Dims.Aggregate(1L, (a, c) => a * c)
            : 0;
}
