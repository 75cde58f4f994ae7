// The grid of a search section: counts its points and enumerates them in a fixed order (the first
// parameter varies slowest), so exhaustive search and the default trial order are reproducible.
using EdgeSdk.Recipes;

namespace EdgeSdk.Search;

/// <summary>The Cartesian product of the searched values.</summary>
internal sealed class SearchSpace
{
    /// <summary>Creates the space of <paramref name="parameters"/>.</summary>
    public SearchSpace(IReadOnlyList<SearchParameter> parameters) => Parameters = parameters;

    /// <summary>Gets the parameters.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>Gets the number of points.</summary>
    public long Size => Parameters.Aggregate(1L, (n, p) => n * p.Values.Count);

    /// <summary>Gets the point at a grid position (0 ≤ <paramref name="index"/> &lt; <see cref="Size"/>).</summary>
    public TrialAssignment At(long index)
    {
        var indices = new int[Parameters.Count];
        for (var i = Parameters.Count - 1; i >= 0; i--)
        {
            var n = Parameters[i].Values.Count;
            indices[i] = (int)(index % n);
            index /= n;
        }

        return new TrialAssignment(Parameters, indices);
    }

    /// <summary>Draws a uniformly random point.</summary>
    public TrialAssignment Random(Random random) => new(Parameters, Parameters.Select(p => random.Next(p.Values.Count)).ToArray());
}
