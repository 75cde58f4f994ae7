// The `lowrank` pass: factorizes Gemm/MatMul weights and Conv filters by truncated SVD into two smaller
// layers, with the rank per layer chosen by energy, ratio, or a parameter/MAC budget, and reports rank,
// parameters, MACs and reconstruction error per layer.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Options;
using EdgeSdk.Passes.Pruning;

namespace EdgeSdk.Passes.LowRank;

/// <summary>Truncated-SVD factorization of Gemm, MatMul and Conv layers.</summary>
internal sealed class LowRankPass : Pass<LowRankOptions>
{
    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "lowrank",
        1,
        "Factorizes Gemm/MatMul weights and Conv filters by truncated SVD into two smaller layers (k×k Conv by k×1+1×k or channel decomposition); layers that would not get cheaper are left alone.");

    /// <inheritdoc/>
    public override PassOptionSet<LowRankOptions> Options => LowRankOptions.Declarations;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, LowRankOptions settings)
    {
        var graph = context.Model;
        var result = new PassResult(graph);
        var method = settings.Method;
        var parameterName = settings.MethodKey;
        var value = settings.MethodValue;
        var skip = settings.SkipLayers.ToHashSet(StringComparer.Ordinal);
        var before = LayerCostAnalysis.Analyze(graph);
        var totals = (Parameters: LayerCostAnalysis.TotalParameters(graph), Macs: LayerCostAnalysis.TotalMacs(before));
        var options = LowRankPlanner.Options(graph, settings.OpTypes.ToHashSet(StringComparer.Ordinal), n => skip.Contains(n.Name), settings.ConvMethod);
        var minSaving = settings.MinMacSaving;
        var plan = LowRankPlanner.Plan(options, method, value, totals, minSaving);
        if (plan is null)
        {
            throw new EdgeException(DiagnosticCatalog.LowRank.BudgetUnreachable, $"lowrank: {parameterName} {value.ToString(CultureInfo.InvariantCulture)} cannot be met even at rank 1 in every factorizable layer ({options.Count} layer(s)). Raise the budget, add op_types, or prune first.", context.Options.LocationOf(parameterName));
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
