// The latency batch and intra-op thread count a pipeline runs with: the recipe's evaluate.latency settings,
// the threads overridden by MSBuild's EdgeThreads or the CLI's --threads. Resolved once, when planning, and
// stored in the plan, so that the fingerprint of a step that times on the host, the pass context that step
// times with, and the evaluation all read one value (a decision timed at 1 thread is never reused at 4).
using System.Globalization;
using EdgeSdk.Recipes;

namespace EdgeSdk.Pipeline;

/// <summary>The batch and threads a planned pipeline times and runs with.</summary>
/// <param name="Batch">Samples per timed run (at least 1).</param>
/// <param name="Threads">ONNX Runtime intra-op threads (at least 1).</param>
internal sealed record RunTiming(int Batch, int Threads)
{
    /// <summary>Resolves the settings of <paramref name="recipe"/> with <paramref name="threadsOverride"/> (0 or less: the recipe's threads).</summary>
    public static RunTiming Resolve(Recipe recipe, int threadsOverride) => new(
        Math.Max(1, recipe.Evaluate.Latency.Batch),
        threadsOverride > 0 ? threadsOverride : Math.Max(1, recipe.Evaluate.Latency.Threads));

    /// <summary>Gets the settings as fingerprint text.</summary>
    public string FingerprintText => string.Create(CultureInfo.InvariantCulture, $"batch={Batch};threads={Threads}");
}
