// Unstructured and N:M magnitude pruning: zeroes the smallest weights of Conv/Gemm/MatMul layers, either a
// fraction per layer or below one global threshold, or keeps the N largest of every M consecutive weights
// along the reduction axis (the layout sparse tensor cores exploit). Shapes do not change.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Pruning;

/// <summary>An N:M pattern: keep <paramref name="N"/> of every <paramref name="M"/> weights.</summary>
/// <param name="N">Weights kept per block.</param>
/// <param name="M">Block length.</param>
internal sealed record NmPattern(int N, int M);

/// <summary>What magnitude pruning did to one weight.</summary>
/// <param name="Node">Layer name.</param>
/// <param name="Initializer">Weight name.</param>
/// <param name="Elements">Weight elements.</param>
/// <param name="Zeros">Zero elements after pruning.</param>
/// <param name="Skipped">Why the layer was left alone, or null.</param>
internal sealed record SparsifiedWeight(string Node, string Initializer, long Elements, long Zeros, string? Skipped);

/// <summary>Zeroes weights by magnitude.</summary>
internal static class MagnitudeSparsifier
{
    /// <summary>Returns the weights magnitude pruning may touch: float initializer weights of Conv/Gemm/MatMul not selected by <paramref name="skip"/>.</summary>
    public static IReadOnlyList<(NodeProto Node, TensorProto Weight)> Targets(ModelGraph graph, Func<NodeProto, bool> skip) =>
        graph.Nodes.Where(n => n.OpType is "Conv" or "Gemm" or "MatMul" && n.Input.Count > 1 && !skip(n))
            .Select(n => (Node: n, Weight: graph.GetInitializer(n.Input[1])))
            .Where(t => t.Weight is { DataType: (int)TensorProto.Types.DataType.Float } && t.Weight.Dims.Count >= 2)
            .DistinctBy(t => t.Weight!.Name)
            .Select(t => (t.Node, t.Weight!))
            .ToList();

    /// <summary>Zeroes the smallest |w|: <paramref name="sparsity"/> of each layer, or of all layers together when <paramref name="global"/>.</summary>
    public static List<SparsifiedWeight> Unstructured(ModelGraph graph, Func<NodeProto, bool> skip, double sparsity, bool global)
    {
        var targets = Targets(graph, skip).Select(t => (t.Node, t.Weight, Data: TensorProtoConverter.ToFloatArray(t.Weight))).ToList();
        double? threshold = null;
        if (global)
        {
            var all = targets.SelectMany(t => t.Data).Select(Math.Abs).Order().ToArray();
            var cut = (int)Math.Floor(sparsity * all.Length);
            threshold = cut == 0 ? double.NegativeInfinity : all[cut - 1];
        }

        var report = new List<SparsifiedWeight>();
        foreach (var (node, weight, data) in targets)
        {
            if (threshold is { } t)
            {
                var removed = 0L;
                var budget = (long)Math.Floor(sparsity * targets.Sum(x => (long)x.Data.Length));
                for (var i = 0; i < data.Length; i++)
                {
                    if (Math.Abs(data[i]) <= t && removed < budget)
                    {
                        data[i] = 0;
                        removed++;
                    }
                }
            }
            else
            {
                var cut = (int)Math.Floor(sparsity * data.Length);
                foreach (var i in Enumerable.Range(0, data.Length).OrderBy(i => Math.Abs(data[i])).ThenBy(i => i).Take(cut).ToList())
                {
                    data[i] = 0;
                }
            }

            graph.SetInitializer(TensorProtoConverter.FromFloat(weight.Name, data, weight.Dims.ToArray()));
            report.Add(new SparsifiedWeight(node.Name, weight.Name, data.Length, data.LongCount(v => v == 0), null));
        }

        return report;
    }

    /// <summary>Keeps the N largest |w| of every M consecutive weights along each output's reduction axis.</summary>
    public static List<SparsifiedWeight> NOfM(ModelGraph graph, Func<NodeProto, bool> skip, NmPattern pattern)
    {
        var report = new List<SparsifiedWeight>();
        foreach (var (node, weight) in Targets(graph, skip))
        {
            var data = TensorProtoConverter.ToFloatArray(weight);
            var dims = weight.Dims.ToArray();
            var reductionAlongRows = node.OpType == "Conv" || (node.OpType == "Gemm" && node.GetInt("transB", 0) != 0);
            long outputs = reductionAlongRows ? dims[0] : dims[1];
            var length = data.Length / outputs;
            if (length % pattern.M != 0)
            {
                report.Add(new SparsifiedWeight(node.Name, weight.Name, data.Length, data.LongCount(v => v == 0), $"reduction length {length} is not a multiple of {pattern.M}"));
                continue;
            }

            var block = new long[pattern.M];
            for (long o = 0; o < outputs; o++)
            {
                for (long start = 0; start < length; start += pattern.M)
                {
                    for (var j = 0; j < pattern.M; j++)
                    {
                        var k = start + j;
                        block[j] = reductionAlongRows ? (o * length) + k : (k * outputs) + o;
                    }

                    foreach (var index in block.OrderBy(i => Math.Abs(data[i])).ThenBy(i => i).Take(pattern.M - pattern.N).ToList())
                    {
                        data[index] = 0;
                    }
                }
            }

            graph.SetInitializer(TensorProtoConverter.FromFloat(weight.Name, data, dims));
            report.Add(new SparsifiedWeight(node.Name, weight.Name, data.Length, data.LongCount(v => v == 0), null));
        }

        return report;
    }
}
