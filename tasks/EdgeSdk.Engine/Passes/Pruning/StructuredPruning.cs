// Structured channel pruning end to end: dependency analysis, importance, selection, surgery, and the
// group table of the report (which layers share channels, how many remain, why a group was left alone).
using System.Globalization;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Runs channel pruning on a pass context.</summary>
internal static class StructuredPruning
{
    /// <summary>Prunes channels of <paramref name="context"/>'s model per <paramref name="settings"/> and fills <paramref name="result"/>.</summary>
    public static void Run(PassContext context, PruneOptions settings, PassResult result)
    {
        var graph = context.Model;
        var deps = ChannelDependencyBuilder.Build(graph, settings.Skips);
        IReadOnlyDictionary<string, double[]>? activations = null;
        if (settings.Importance == ImportanceMethod.Activation)
        {
            var data = context.Data.Calibration ?? throw new EdgeException(DiagnosticCatalog.Pruning.MissingCalibrationData, "prune: importance 'activation' needs calibration data, but the recipe declares no calibration set. Add a calibration data set or use importance: l1.", context.Options.LocationOf("importance"));
            var tensors = deps.ProducerOutputs.Where(p => deps.FrozenReason(p.Layout.Segments[0].Group) is null).Select(p => (p.Tensor, p.Layout.Axis)).ToList();
            activations = ActivationStatistics.MeanAbsolutePerChannel(graph, tensors, data, settings.CalibrationSamples, context.Threads);
        }

        var importance = ChannelImportance.Compute(graph, deps, settings.Importance, activations);
        var kept = ChannelSelection.Select(deps, importance, new ChannelSelectionSettings(settings.Sparsity, settings.Global, settings.RoundTo, settings.MaxLayerSparsity));
        var prunable = deps.Roots.Count(r => deps.FrozenReason(r) is null && deps.Size(r) > 1);
        if (prunable == 0)
        {
            var message = "prune: no channel group can be pruned (every group is skipped, frozen by an operator the pass does not rewrite, or feeds a graph output); the model is unchanged.";
            result.Warnings.Add(message);
            context.Report(EdgeDiagnostic.Warning(DiagnosticCatalog.Pruning.NothingToPrune, message));
        }

        ChannelSurgery.Apply(graph, deps, kept);
        graph.RemoveUnusedInitializers();
        var rows = new List<IReadOnlyList<string>>();
        long channelsBefore = 0, channelsAfter = 0;
        foreach (var root in deps.Roots)
        {
            var size = deps.Size(root);
            var after = kept.TryGetValue(root, out var k) ? k.Length : size;
            channelsBefore += size;
            channelsAfter += after;
            rows.Add([string.Join(", ", deps.Producers(root)), size.ToString(CultureInfo.InvariantCulture), after.ToString(CultureInfo.InvariantCulture), deps.FrozenReason(root) ?? (after < size ? "pruned" : "kept")]);
        }

        var frozen = deps.Roots.Where(r => deps.FrozenReason(r) is { } reason && !reason.Contains("graph output", StringComparison.Ordinal)).ToList();
        if (frozen.Count > 0)
        {
            var message = $"prune: {frozen.Count} channel group(s) left whole: " + string.Join("; ", frozen.Select(r => $"{deps.Producers(r)[0]} ({deps.FrozenReason(r)})"));
            result.Warnings.Add(message);
            context.Report(EdgeDiagnostic.Warning(DiagnosticCatalog.Pruning.LayersLeftAlone, message));
        }

        result.Tables.Add(new ReportTable("Channel groups (layers whose output channels are pruned together)", ["layers", "channels before", "channels after", "status"], rows));
        result.Figures["channel_groups"] = deps.Roots.Count;
        result.Figures["channel_groups_pruned"] = kept.Count;
        result.Figures["channels_before"] = channelsBefore;
        result.Figures["channels_after"] = channelsAfter;
        result.Summary.Add(string.Format(CultureInfo.InvariantCulture, "pruned {0} of {1} channel groups: channels {2} -> {3} ({4} importance, {5})", kept.Count, deps.Roots.Count, channelsBefore, channelsAfter, settings.Importance, settings.Global ? "global" : "per layer"));
    }
}
