// A tree-structured Parzen estimator (Bergstra et al., 2011) for categorical spaces: after a few random
// trials, split the history into the best quarter and the rest, model each option's values in both
// groups with smoothed frequencies, draw candidates from the good model and propose the untried one
// that maximizes good/bad likelihood. The random stream is derived from the seed and the history
// length, so a resumed search proposes exactly what the interrupted one would have.
namespace EdgeSdk.Search;

/// <summary>TPE over categorical values.</summary>
internal sealed class TpeStrategy : ISearchStrategy
{
    private readonly SearchSpace _space;
    private readonly int _seed;
    private readonly int _startup;
    private readonly int _candidates;
    private readonly double _gamma;

    /// <summary>Creates the strategy.</summary>
    /// <param name="space">The space.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="startup">Random trials before the model is used.</param>
    /// <param name="candidates">Candidates drawn from the good model per proposal.</param>
    /// <param name="gamma">Fraction of the history counted as good.</param>
    public TpeStrategy(SearchSpace space, int seed, int startup = 4, int candidates = 24, double gamma = 0.25)
    {
        _space = space;
        _seed = seed;
        _startup = Math.Max(1, startup);
        _candidates = Math.Max(1, candidates);
        _gamma = gamma;
    }

    /// <inheritdoc/>
    public string Name => "tpe";

    /// <inheritdoc/>
    public TrialAssignment? Next(IReadOnlyList<TrialObservation> history)
    {
        var tried = history.Select(h => h.Assignment).ToHashSet();
        if (tried.Count >= _space.Size)
        {
            return null;
        }

        var random = new Random(unchecked((_seed * 7919) + history.Count));
        if (history.Count < _startup)
        {
            return RandomUntried(random, tried);
        }

        var ranked = history.Select((h, i) => (h, i)).OrderBy(x => x.h.Loss).ThenBy(x => x.i).Select(x => x.h).ToList();
        var goodCount = Math.Max(1, (int)Math.Ceiling(_gamma * ranked.Count));
        var good = ranked.Take(goodCount).ToList();
        var bad = ranked.Skip(goodCount).ToList();
        var parameters = _space.Parameters;
        var lGood = parameters.Select((p, i) => Frequencies(good, i, p.Values.Count)).ToList();
        var lBad = parameters.Select((p, i) => Frequencies(bad, i, p.Values.Count)).ToList();

        TrialAssignment? best = null;
        var bestScore = double.NegativeInfinity;
        for (var c = 0; c < _candidates; c++)
        {
            var indices = new int[parameters.Count];
            var score = 0.0;
            for (var i = 0; i < parameters.Count; i++)
            {
                indices[i] = Sample(lGood[i], random);
                score += Math.Log(lGood[i][indices[i]]) - Math.Log(lBad[i][indices[i]]);
            }

            var point = new TrialAssignment(parameters, indices);
            if (!tried.Contains(point) && score > bestScore)
            {
                best = point;
                bestScore = score;
            }
        }

        return best ?? RandomUntried(random, tried);
    }

    private TrialAssignment? RandomUntried(Random random, HashSet<TrialAssignment> tried)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var point = _space.Random(random);
            if (!tried.Contains(point))
            {
                return point;
            }
        }

        // A nearly exhausted space: take the first untried point in grid order.
        for (long i = 0; i < _space.Size; i++)
        {
            var point = _space.At(i);
            if (!tried.Contains(point))
            {
                return point;
            }
        }

        return null;
    }

    /// <summary>Smoothed value frequencies of parameter <paramref name="parameter"/> in <paramref name="group"/> (one pseudo-count per value).</summary>
    private static double[] Frequencies(IReadOnlyList<TrialObservation> group, int parameter, int values)
    {
        var counts = Enumerable.Repeat(1.0, values).ToArray();
        foreach (var h in group)
        {
            counts[h.Assignment.Indices[parameter]] += 1;
        }

        var total = counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }

    private static int Sample(double[] probabilities, Random random)
    {
        var u = random.NextDouble();
        var cumulative = 0.0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            cumulative += probabilities[i];
            if (u < cumulative)
            {
                return i;
            }
        }

        return probabilities.Length - 1;
    }
}
