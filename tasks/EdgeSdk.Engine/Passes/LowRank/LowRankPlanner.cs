// Chooses, per layer, whether and how to factorize and at which rank: by an energy threshold, by a ratio of
// the full rank, or to meet a parameter/MAC budget (the largest uniform energy threshold whose total fits,
// found by bisection). A layer is left alone whenever its factorized form would not have fewer MACs.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Passes.Pruning;

namespace EdgeSdk.Passes.LowRank;

/// <summary>How ranks are chosen.</summary>
internal enum RankMethod
{
    /// <summary>Smallest rank keeping a fraction of Σs².</summary>
    Energy,
    /// <summary>A fraction of the full rank.</summary>
    Ratio,
    /// <summary>Largest uniform energy whose model parameters fit a budget.</summary>
    ParameterBudget,
    /// <summary>Largest uniform energy whose model MACs fit a budget.</summary>
    MacBudget,
}

/// <summary>The decision for one layer.</summary>
/// <param name="Option">The chosen factorization.</param>
/// <param name="Rank">The chosen rank.</param>
internal sealed record LayerFactorization(FactorizationOption Option, int Rank);

/// <summary>Plans low-rank factorization.</summary>
internal static class LowRankPlanner
{
    /// <summary>Builds the factorization options of every eligible layer (several per k×k Conv when <paramref name="convMethod"/> is auto).</summary>
    public static List<List<FactorizationOption>> Options(ModelGraph graph, IReadOnlySet<string> opTypes, Func<NodeProto, bool> skip, string convMethod)
    {
        var shapes = StaticShapes.Infer(graph);
        var result = new List<List<FactorizationOption>>();
        foreach (var node in graph.Nodes)
        {
            if (!opTypes.Contains(node.OpType) || skip(node) || node.Input.Count < 2)
            {
                continue;
            }

            if (graph.GetInitializer(node.Input[1]) is not { DataType: (int)TensorProto.Types.DataType.Float } weight || graph.Consumers(weight.Name).Count != 1)
            {
                continue;
            }

            var output = shapes.GetValueOrDefault(node.Output[0]);
            var options = node.OpType switch
            {
                "Gemm" or "MatMul" => MatrixOptions(graph, node, weight, output),
                "Conv" => ConvOptions(node, weight, shapes.GetValueOrDefault(node.Input[0]), output, convMethod),
                _ => [],
            };
            if (options.Count > 0)
            {
                result.Add(options);
            }
        }

        return result;
    }

    private static List<FactorizationOption> MatrixOptions(ModelGraph graph, NodeProto node, TensorProto weight, long[]? output)
    {
        if (weight.Dims.Count != 2 || (node.OpType == "Gemm" && node.GetInt("transA", 0) != 0) || (node.OpType == "Gemm" && graph.OpsetVersion < 11 && node.Input.Count < 3))
        {
            return [];
        }

        var kn = FactorizationOption.WeightAsKn(node, weight, out var k, out var n);
        var rows = output is { Length: > 0 } ? output[..^1].Aggregate(1L, (a, b) => a * b) : 1;
        return [FactorizationOption.Matrix(node, kn, k, n, rows)];
    }

    private static List<FactorizationOption> ConvOptions(NodeProto node, TensorProto weight, long[]? input, long[]? output, string convMethod)
    {
        var dims = weight.Dims.ToArray();
        if (node.GetInt("group", 1) != 1 || dims.Length < 3 || node.GetString("auto_pad", "NOTSET") != "NOTSET")
        {
            return [];
        }

        var data = TensorProtoConverter.ToFloatArray(weight);
        var outPixels = output is { Length: > 2 } ? output.Skip(2).Aggregate(1L, (a, b) => a * b) : 1;
        var options = new List<FactorizationOption>();
        var spatialPossible = dims.Length == 4 && dims[2] > 1 && dims[3] > 1;
        if (convMethod != "spatial" || !spatialPossible)
        {
            options.Add(FactorizationOption.ConvChannel(node, data, dims, outPixels));
        }

        if (convMethod != "channel" && spatialPossible)
        {
            var firstPixels = output is { Length: 4 } && input is { Length: 4 } ? output[2] * input[3] : outPixels;
            options.Add(FactorizationOption.ConvSpatial(node, data, dims, firstPixels, outPixels));
        }

        return options;
    }

    /// <summary>Chooses ranks. <paramref name="value"/> is the energy, ratio or budget fraction; <paramref name="totals"/> gives the whole model's parameters and MACs. Returns null when a budget cannot be met.</summary>
    public static List<LayerFactorization>? Plan(IReadOnlyList<List<FactorizationOption>> layers, RankMethod method, double value, (long Parameters, long Macs) totals, double minMacSaving = 0)
    {
        switch (method)
        {
            case RankMethod.Energy:
                return AtEnergy(layers, value, minMacSaving);
            case RankMethod.Ratio:
                return Choose(layers, o => Math.Max(1, (int)Math.Round(value * o.Svd.FullRank, MidpointRounding.AwayFromZero)), minMacSaving);
            default:
            {
                var budget = value * (method == RankMethod.ParameterBudget ? totals.Parameters : totals.Macs);
                double Total(List<LayerFactorization> plan) => method == RankMethod.ParameterBudget
                    ? totals.Parameters - plan.Sum(p => p.Option.OriginalParameters - p.Option.Parameters(p.Rank))
                    : totals.Macs - plan.Sum(p => p.Option.OriginalMacs - p.Option.Macs(p.Rank));
                if (Total(AtEnergy(layers, 1, minMacSaving)) <= budget)
                {
                    return AtEnergy(layers, 1, minMacSaving);
                }

                if (Total(AtEnergy(layers, 0, minMacSaving)) > budget)
                {
                    return null;
                }

                double low = 0, high = 1;
                for (var i = 0; i < 50; i++)
                {
                    var mid = (low + high) / 2;
                    if (Total(AtEnergy(layers, mid, minMacSaving)) <= budget)
                    {
                        low = mid;
                    }
                    else
                    {
                        high = mid;
                    }
                }

                return AtEnergy(layers, low, minMacSaving);
            }
        }
    }

    private static List<LayerFactorization> AtEnergy(IReadOnlyList<List<FactorizationOption>> layers, double energy, double minMacSaving) =>
        Choose(layers, o => o.Svd.RankForEnergy(energy), minMacSaving);

    private static List<LayerFactorization> Choose(IReadOnlyList<List<FactorizationOption>> layers, Func<FactorizationOption, int> rankOf, double minMacSaving)
    {
        var plan = new List<LayerFactorization>();
        foreach (var options in layers)
        {
            var best = options
                .Select(o => new LayerFactorization(o, Math.Min(rankOf(o), o.Svd.FullRank)))
                .Where(p => p.Option.Macs(p.Rank) < p.Option.OriginalMacs && p.Option.Macs(p.Rank) <= (1 - minMacSaving) * p.Option.OriginalMacs)
                .OrderBy(p => p.Option.Macs(p.Rank))
                .ThenBy(p => p.Option.Kind)
                .FirstOrDefault();
            if (best is not null)
            {
                plan.Add(best);
            }
        }

        return plan;
    }
}
