// Unstructured and N:M pruning end to end: zero weights, optionally store them as sparse initializers,
// report per-layer sparsity and bytes, and say plainly that ONNX Runtime's CPU kernels gain no speed.
using System.Globalization;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Runs magnitude pruning on a pass context.</summary>
internal static class MagnitudePruning
{
    /// <summary>Zeroes weights of <paramref name="context"/>'s model per <paramref name="settings"/> and fills <paramref name="result"/>.</summary>
    public static void Run(PassContext context, PruneOptions settings, PassResult result)
    {
        var graph = context.Model;
        var weights = settings.Kind == PruneKind.NOfM
            ? MagnitudeSparsifier.NOfM(graph, settings.Skips, settings.Pattern!)
            : MagnitudeSparsifier.Unstructured(graph, settings.Skips, settings.Sparsity, settings.Global);
        if (weights.Count == 0)
        {
            var message = "prune: no Conv/Gemm/MatMul weight is left to prune (all skipped or not float initializers); the model is unchanged.";
            result.Warnings.Add(message);
            context.Report(EdgeDiagnostic.Warning(DiagnosticCatalog.Pruning.NothingToPrune, message));
        }

        var stored = settings.SparseStorage
            ? SparseInitializerStorage.Sparsify(graph, weights.Where(w => w.Skipped is null).Select(w => w.Initializer)).ToDictionary(s => s.Name, StringComparer.Ordinal)
            : [];
        var rows = weights.Select(w => (IReadOnlyList<string>)
        [
            w.Node,
            w.Elements.ToString(CultureInfo.InvariantCulture),
            w.Zeros.ToString(CultureInfo.InvariantCulture),
            (w.Elements == 0 ? 0 : (double)w.Zeros / w.Elements).ToString("P1", CultureInfo.InvariantCulture),
            (w.Elements * 4).ToString(CultureInfo.InvariantCulture),
            stored.TryGetValue(w.Initializer, out var s) ? s.SparseBytes.ToString(CultureInfo.InvariantCulture) + " (sparse)" : (w.Elements * 4).ToString(CultureInfo.InvariantCulture) + " (dense)",
            w.Skipped ?? string.Empty,
        ]).ToList();
        result.Tables.Add(new ReportTable("Per layer: weight sparsity and stored bytes", ["layer", "weights", "zeros", "sparsity", "dense bytes", "stored bytes", "note"], rows));
        long total = weights.Sum(w => w.Elements), zeros = weights.Sum(w => w.Zeros);
        result.Figures["weights"] = total;
        result.Figures["weight_zeros"] = zeros;
        result.Figures["weights_stored_sparse"] = stored.Count;
        result.Figures["weight_bytes_before"] = total * 4;
        result.Figures["weight_bytes_after"] = (total * 4) - stored.Values.Sum(v => v.DenseBytes - v.SparseBytes);
        var pattern = settings.Kind == PruneKind.NOfM ? $"{settings.Pattern!.N}:{settings.Pattern.M}" : "unstructured";
        result.Summary.Add(string.Format(CultureInfo.InvariantCulture, "{0} pruning: {1:N0} of {2:N0} weights are zero ({3:P1}); {4} weight(s) stored as sparse initializers, weight bytes {5:N0} -> {6:N0}", pattern, zeros, total, total == 0 ? 0 : (double)zeros / total, stored.Count, result.Figures["weight_bytes_before"], result.Figures["weight_bytes_after"]));
        result.Warnings.Add(PrunePass.NoSpeedupWarning);
        context.Report(EdgeDiagnostic.Warning(DiagnosticCatalog.Pruning.SparsityGivesNoSpeed, PrunePass.NoSpeedupWarning));
    }
}
