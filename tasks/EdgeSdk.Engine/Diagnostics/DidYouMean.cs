// Suggests the closest known word for a misspelt key or value ("did you mean 'warmup'?"), by edit distance.
using EdgeSdk.Recipes;

namespace EdgeSdk.Diagnostics;

/// <summary>Closest-match suggestions for unknown names.</summary>
internal static class DidYouMean
{
    /// <summary>Returns the candidate closest to <paramref name="word"/>, or null when none is close enough.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(2, (word.Length + 1) / 2);
        if (best is not null && (bestDistance <= allowed || best.StartsWith(word, StringComparison.OrdinalIgnoreCase) || word.StartsWith(best, StringComparison.OrdinalIgnoreCase)))
        {
            return best;
        }

        if (best is null)
        {
            // No candidates at all (e.g. an empty stock-recipe folder): nothing to suggest.
            return null;
        }

        // An abbreviation such as fold_bn for fold_batch_norm: the longest shared prefix, if long enough.
        var byPrefix = candidates.Order(StringComparer.Ordinal).Select(c => (c, n: CommonPrefix(word, c))).MaxBy(x => x.n);
        return byPrefix.n >= 4 && byPrefix.n * 2 >= word.Length ? byPrefix.c : null;
    }

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && char.ToLowerInvariant(a[n]) == char.ToLowerInvariant(b[n]))
        {
            n++;
        }

        return n;
    }

    /// <summary>Returns " Did you mean 'x'?" (or "'x' or 'y'" when two are equally close), or an empty string.</summary>
    public static string Hint(string word, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        if (Suggest(word, list) is not { } best)
        {
            return string.Empty;
        }

        var distance = Distance(word.ToLowerInvariant(), best.ToLowerInvariant());
        var tie = list.Order(StringComparer.Ordinal).FirstOrDefault(c => c != best && Distance(word.ToLowerInvariant(), c.ToLowerInvariant()) == distance);
        return tie is null ? $" Did you mean '{best}'?" : $" Did you mean '{best}' or '{tie}'?";
    }

    /// <summary>Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
