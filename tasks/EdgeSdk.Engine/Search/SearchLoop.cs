// The search loop, independent of how a trial is run: asks the strategy for a point, evaluates it, ranks
// the history (so sample-efficient strategies learn from it) and stops at the trial count, the wall-clock
// budget, or when the strategy has nothing new. Unit tests drive it with a fake evaluator.
using System.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Search;

/// <summary>Runs trials proposed by a strategy.</summary>
internal static class SearchLoop
{
    /// <summary>Creates the strategy a spec asks for.</summary>
    public static ISearchStrategy CreateStrategy(SearchSpec spec)
    {
        var space = new SearchSpace(spec.Parameters);
        return spec.EffectiveStrategy == SearchStrategyKind.Tpe
            ? new TpeStrategy(space, spec.Seed, startup: Math.Clamp(spec.TrialLimit / 4, 2, 8))
            : new ExhaustiveStrategy(space, spec.Seed, spec.TrialLimit);
    }

    /// <summary>Runs the loop.</summary>
    /// <param name="spec">The search section.</param>
    /// <param name="evaluate">Runs one trial (1-based order given) and returns its result.</param>
    /// <param name="rank">Gives each result's loss (smaller is better), in the order given.</param>
    /// <param name="elapsedSeconds">The clock for the wall-clock budget (null: a stopwatch).</param>
    /// <param name="cancellation">Cancellation.</param>
    public static IReadOnlyList<TrialResult> Run(SearchSpec spec, Func<TrialAssignment, int, TrialResult> evaluate, Func<IReadOnlyList<TrialResult>, IReadOnlyList<double>> rank, Func<double>? elapsedSeconds = null, CancellationToken cancellation = default)
    {
        var strategy = CreateStrategy(spec);
        var watch = Stopwatch.StartNew();
        elapsedSeconds ??= () => watch.Elapsed.TotalSeconds;
        var results = new List<TrialResult>();
        var assignments = new List<TrialAssignment>();
        while (results.Count < spec.TrialLimit)
        {
            cancellation.ThrowIfCancellationRequested();
            if (spec.MaxSeconds is { } limit && results.Count > 0 && elapsedSeconds() >= limit)
            {
                break;
            }

            var losses = rank(results);
            var history = assignments.Select((a, i) => new TrialObservation(a, losses[i])).ToList();
            var next = strategy.Next(history);
            if (next is null)
            {
                break;
            }

            assignments.Add(next);
            results.Add(evaluate(next, results.Count + 1));
        }

        return results;
    }
}
