// Decides which channels of each group survive: the same fraction in every group (per_layer) or one
// ranking across all groups (global, scores normalized to each group's maximum, with a cap per group).
// Kept counts can be rounded up to a multiple that suits SIMD kernels. Ties break by channel index, so the
// choice is deterministic.
namespace EdgeSdk.Passes.Pruning;

/// <summary>Settings for <see cref="ChannelSelection"/>.</summary>
/// <param name="Sparsity">Fraction of channels to remove.</param>
/// <param name="Global">True for one ranking across groups.</param>
/// <param name="RoundTo">Kept channels per group are rounded up to a multiple of this.</param>
/// <param name="MaxGroupSparsity">Largest fraction removed from any one group (global scope).</param>
internal sealed record ChannelSelectionSettings(double Sparsity, bool Global, int RoundTo, double MaxGroupSparsity);

/// <summary>Chooses kept channels per group.</summary>
internal static class ChannelSelection
{
    /// <summary>Returns the kept channel indices (ascending) of every prunable group that loses channels.</summary>
    public static Dictionary<int, int[]> Select(ChannelDependencies deps, IReadOnlyDictionary<int, double[]> importance, ChannelSelectionSettings settings)
    {
        var prunable = deps.Roots.Where(r => deps.FrozenReason(r) is null && deps.Size(r) > 1).ToList();
        var keepCounts = new Dictionary<int, int>();
        if (!settings.Global)
        {
            foreach (var root in prunable)
            {
                var size = (int)deps.Size(root);
                keepCounts[root] = size - (int)Math.Floor(settings.Sparsity * size);
            }
        }
        else
        {
            var candidates = new List<(double Score, int Root, int Channel)>();
            foreach (var root in prunable)
            {
                var scores = ScoresOf(importance, root, (int)deps.Size(root));
                var max = scores.Max();
                candidates.AddRange(scores.Select((s, c) => (max > 0 ? s / max : 0, root, c)));
                keepCounts[root] = scores.Length;
            }

            var toRemove = (int)Math.Floor(settings.Sparsity * candidates.Count);
            foreach (var (_, root, _) in candidates.OrderBy(c => c.Score).ThenBy(c => c.Root).ThenBy(c => c.Channel))
            {
                if (toRemove == 0)
                {
                    break;
                }

                var size = (int)deps.Size(root);
                var floor = Math.Max(1, (int)Math.Ceiling(size * (1 - settings.MaxGroupSparsity)));
                if (keepCounts[root] > floor)
                {
                    keepCounts[root]--;
                    toRemove--;
                }
            }
        }

        var kept = new Dictionary<int, int[]>();
        foreach (var root in prunable)
        {
            var size = (int)deps.Size(root);
            var count = Math.Max(1, keepCounts[root]);
            if (settings.RoundTo > 1)
            {
                count = Math.Min(size, (count + settings.RoundTo - 1) / settings.RoundTo * settings.RoundTo);
            }

            if (count >= size)
            {
                continue;
            }

            var scores = ScoresOf(importance, root, size);
            kept[root] = Enumerable.Range(0, size).OrderByDescending(c => scores[c]).ThenBy(c => c).Take(count).Order().ToArray();
        }

        return kept;
    }

    private static double[] ScoresOf(IReadOnlyDictionary<int, double[]> importance, int root, int size) =>
        importance.TryGetValue(root, out var s) && s.Length == size ? s : new double[size];
}
