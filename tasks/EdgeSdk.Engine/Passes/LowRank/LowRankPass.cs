// The `lowrank` pass: factorizes Gemm/MatMul weights and Conv filters by truncated SVD into two smaller
// layers, with the rank per layer chosen by energy, ratio, or a parameter/MAC budget, and reports rank,
// parameters, MACs and reconstruction error per layer.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Pruning;

namespace EdgeSdk.Passes.LowRank;

/// <summary>Truncated-SVD factorization of Gemm, MatMul and Conv layers.</summary>
internal sealed class LowRankPass : IPass
{
    /// <inheritdoc/>
    public PassDescriptor Descriptor { get; } = new(
        "lowrank",
        1,
        "Factorizes Gemm/MatMul weights and Conv filters by truncated SVD into two smaller layers (k×k Conv by k×1+1×k or channel decomposition); layers that would not get cheaper are left alone.",
        [
            new ParameterDescriptor("rank_method", ParameterKind.Enum, "How ranks are chosen: energy (keep a fraction of Σs² per layer), ratio (a fraction of each layer's full rank), param_budget or mac_budget (fit the whole model into a fraction of its parameters or MACs).", "energy", AllowedValues: ["energy", "ratio", "param_budget", "mac_budget"]),
            new ParameterDescriptor("energy", ParameterKind.Number, "rank_method energy: fraction of squared singular values each layer keeps.", 0.95, 0.0, 1.0),
            new ParameterDescriptor("ratio", ParameterKind.Number, "rank_method ratio: rank as a fraction of the layer's full rank.", 0.5, 0.0, 1.0),
            new ParameterDescriptor("param_budget", ParameterKind.Number, "rank_method param_budget: the model's parameters after factorizing, as a fraction of before (0.5 = half).", 0.5, 0.0, 1.0),
            new ParameterDescriptor("mac_budget", ParameterKind.Number, "rank_method mac_budget: the model's MACs after factorizing, as a fraction of before.", 0.5, 0.0, 1.0),
            new ParameterDescriptor("op_types", ParameterKind.StringList, "Operators to factorize (Gemm, MatMul, Conv).", new[] { "Gemm", "MatMul", "Conv" }),
            new ParameterDescriptor("conv_method", ParameterKind.Enum, "k×k Conv: spatial (k×1 then 1×k), channel (R filters then 1×1), or auto (whichever needs fewer MACs).", "auto", AllowedValues: ["auto", "spatial", "channel"]),
            new ParameterDescriptor("skip_layers", ParameterKind.StringList, "Node names left alone.", Array.Empty<string>()),
            new ParameterDescriptor("min_mac_saving", ParameterKind.Number, "Factorize a layer only when it saves at least this fraction of its MACs (two layers cost more per MAC than one).", 0.1, 0.0, 0.99),
        ]);

    /// <inheritdoc/>
    public PassResult Run(PassContext context)
    {
        var p = context.Parameters;
        var graph = context.Model;
        var result = new PassResult(graph);
        var method = p.GetString("rank_method") switch
        {
            "ratio" => RankMethod.Ratio,
            "param_budget" => RankMethod.ParameterBudget,
            "mac_budget" => RankMethod.MacBudget,
            _ => RankMethod.Energy,
        };
        var parameterName = method switch { RankMethod.Ratio => "ratio", RankMethod.ParameterBudget => "param_budget", RankMethod.MacBudget => "mac_budget", _ => "energy" };
        var value = p.GetNumber(parameterName);
        if (value <= 0 && method != RankMethod.Energy)
        {
            throw new EdgeException(DiagnosticCatalog.LowRank.InvalidRankParameters, $"lowrank: {parameterName} must be greater than 0 (got {value.ToString(CultureInfo.InvariantCulture)}).", p.LocationOf(parameterName));
        }

        var skip = p.GetStringList("skip_layers").ToHashSet(StringComparer.Ordinal);
        var before = LayerCostAnalysis.Analyze(graph);
        var totals = (Parameters: LayerCostAnalysis.TotalParameters(graph), Macs: LayerCostAnalysis.TotalMacs(before));
        var options = LowRankPlanner.Options(graph, p.GetStringList("op_types").ToHashSet(StringComparer.Ordinal), n => skip.Contains(n.Name), p.GetString("conv_method"));
        var minSaving = p.GetNumber("min_mac_saving");
        var plan = LowRankPlanner.Plan(options, method, value, totals, minSaving);
        if (plan is null)
        {
            throw new EdgeException(DiagnosticCatalog.LowRank.BudgetUnreachable, $"lowrank: {parameterName} {value.ToString(CultureInfo.InvariantCulture)} cannot be met even at rank 1 in every factorizable layer ({options.Count} layer(s)). Raise the budget, add op_types, or prune first.", p.LocationOf(parameterName));
        }

        var rows = new List<IReadOnlyList<string>>();
        foreach (var layer in plan)
        {
            var o = layer.Option;
            var discarded = o.Svd.SingularValues.Skip(layer.Rank).Sum(s => s * s);
            var total = o.Svd.SingularValues.Sum(s => s * s);
            rows.Add(
            [
                o.Node.Name, o.Node.OpType, o.Kind.ToString(),
                $"{o.Svd.FullRank} -> {layer.Rank}",
                o.Svd.Energy(layer.Rank).ToString("F4", CultureInfo.InvariantCulture),
                (total == 0 ? 0 : Math.Sqrt(discarded / total)).ToString("F4", CultureInfo.InvariantCulture),
                $"{o.OriginalParameters} -> {o.Parameters(layer.Rank)}",
                $"{o.OriginalMacs} -> {o.Macs(layer.Rank)}",
            ]);
            LowRankRewriter.Apply(graph, layer);
        }

        graph.RemoveUnusedInitializers();
        var skipped = options.Where(opts => plan.All(l => l.Option.Node != opts[0].Node)).Select(opts => opts[0].Node.Name).ToList();
        foreach (var name in skipped)
        {
            rows.Add([name, options.First(o => o[0].Node.Name == name)[0].Node.OpType, "-", "kept", "1.0000", "0.0000", "-", string.Format(CultureInfo.InvariantCulture, "factorizing would not save {0:P0} of its MACs", minSaving)]);
        }

        if (plan.Count == 0)
        {
            var message = "lowrank: no layer was factorized: at the chosen rank none would save min_mac_saving of its MACs.";
            result.Warnings.Add(message);
            context.Report(EdgeDiagnostic.Warning(DiagnosticCatalog.LowRank.NothingFactorized, message));
        }

        var after = LayerCostAnalysis.Analyze(graph);
        result.Tables.Add(new ReportTable("Per layer: rank, kept energy, relative reconstruction error, parameters and MACs", ["layer", "op", "factorization", "rank", "energy kept", "relative error", "weights", "MACs/sample"], rows));
        result.Figures["layers_factorized"] = plan.Count;
        result.Figures["layers_left_alone"] = skipped.Count;
        result.Figures["parameters_before"] = totals.Parameters;
        result.Figures["parameters_after"] = LayerCostAnalysis.TotalParameters(graph);
        result.Figures["macs_before"] = totals.Macs;
        result.Figures["macs_after"] = LayerCostAnalysis.TotalMacs(after);
        result.Summary.Add(string.Format(CultureInfo.InvariantCulture, "factorized {0} layer(s) ({1}); parameters {2:N0} -> {3:N0}, MACs per sample {4:N0} -> {5:N0}", plan.Count, method, totals.Parameters, result.Figures["parameters_after"], totals.Macs, result.Figures["macs_after"]));
        return result;
    }
}
