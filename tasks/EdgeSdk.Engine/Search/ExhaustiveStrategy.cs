// Exhaustive search: every grid point, in grid order, or in a seeded random order when the trial budget
// cannot cover the grid (so a truncated search still spreads over the space).
namespace EdgeSdk.Search;

/// <summary>Tries the grid point by point.</summary>
internal sealed class ExhaustiveStrategy : ISearchStrategy
{
    private readonly IReadOnlyList<long> _order;
    private readonly SearchSpace _space;

    /// <summary>Creates the strategy; <paramref name="limit"/> is the trial budget.</summary>
    public ExhaustiveStrategy(SearchSpace space, int seed, long limit)
    {
        _space = space;
        var order = new List<long>();
        for (long i = 0; i < space.Size; i++)
        {
            order.Add(i);
        }

        if (limit < space.Size)
        {
            var random = new Random(seed);
            for (var i = order.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        _order = order;
    }

    /// <inheritdoc/>
    public string Name => "exhaustive";

    /// <inheritdoc/>
    public TrialAssignment? Next(IReadOnlyList<TrialObservation> history)
    {
        var tried = history.Select(h => h.Assignment).ToHashSet();
        foreach (var index in _order)
        {
            var point = _space.At(index);
            if (!tried.Contains(point))
            {
                return point;
            }
        }

        return null;
    }
}
