// Shared shape computations: numpy broadcasting, axis normalization and products of symbolic
// dimensions. Every operator rule uses these instead of repeating the edge cases.
namespace EdgeSdk.Onnx.Shapes;

/// <summary>Arithmetic on shapes with known, symbolic and unknown dimensions.</summary>
internal static class ShapeArithmetic
{
    /// <summary>Broadcasts shapes numpy-style; null when a rank is unknown.</summary>
    public static ShapeDim[]? Broadcast(IEnumerable<IReadOnlyList<ShapeDim>?> shapes)
    {
        var list = shapes.ToList();
        if (list.Any(s => s is null))
        {
            return null;
        }

        var rank = list.Count == 0 ? 0 : list.Max(s => s!.Count);
        var result = new ShapeDim[rank];
        for (var i = 0; i < rank; i++)
        {
            ShapeDim? merged = null;
            foreach (var s in list)
            {
                var j = i - (rank - s!.Count);
                if (j < 0)
                {
                    continue;
                }

                merged = merged is null ? s[j] : BroadcastDim(merged.Value, s[j]);
            }

            result[i] = merged ?? ShapeDim.Known(1);
        }

        return result;
    }

    /// <summary>Broadcasts two dimensions: 1 yields to the other, equal sizes stay, a known size beats a symbol.</summary>
    public static ShapeDim BroadcastDim(ShapeDim a, ShapeDim b)
    {
        if (a.Is(1))
        {
            return b;
        }

        if (b.Is(1))
        {
            return a;
        }

        if (a.SameAs(b))
        {
            return a;
        }

        if (a.IsKnown && !b.IsKnown)
        {
            return a;
        }

        if (b.IsKnown && !a.IsKnown)
        {
            return b;
        }

        return ShapeDim.Unknown;
    }

    /// <summary>Merges two views of the same dimension, preferring the more specific one.</summary>
    public static ShapeDim Merge(ShapeDim a, ShapeDim b) => a.IsKnown ? a : b.IsKnown ? b : a.IsSymbolic ? a : b;

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>; null when out of range.</summary>
    public static int? NormalizeAxis(long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        return a >= 0 && a < rank ? (int)a : null;
    }

    /// <summary>Multiplies dimensions: known when all are known, a symbol when exactly one symbol is multiplied by ones.</summary>
    public static ShapeDim Product(IEnumerable<ShapeDim> dims)
    {
        long known = 1;
        ShapeDim? symbol = null;
        var symbols = 0;
        foreach (var d in dims)
        {
            if (d.IsKnown)
            {
                known *= d.Value!.Value;
            }
            else if (d.IsSymbolic)
            {
                symbols++;
                symbol = d;
            }
            else
            {
                return known == 0 ? ShapeDim.Known(0) : ShapeDim.Unknown;
            }
        }

        if (known == 0)
        {
            return ShapeDim.Known(0);
        }

        return symbols switch
        {
            0 => ShapeDim.Known(known),
            1 when known == 1 => symbol!.Value,
            _ => ShapeDim.Unknown,
        };
    }

    /// <summary>Computes the dimension <c>total / product(others)</c> (Reshape's -1), cancelling symbols that appear on both sides.</summary>
    public static ShapeDim Quotient(IReadOnlyList<ShapeDim> total, IReadOnlyList<ShapeDim> others)
    {
        if (total.Any(d => d.IsUnknown) || others.Any(d => d.IsUnknown))
        {
            return ShapeDim.Unknown;
        }

        var symbols = total.Where(d => d.IsSymbolic).Select(d => d.Symbol!).ToList();
        foreach (var s in others.Where(d => d.IsSymbolic))
        {
            if (!symbols.Remove(s.Symbol!))
            {
                return ShapeDim.Unknown;
            }
        }

        var num = total.Where(d => d.IsKnown).Aggregate(1L, (p, d) => p * d.Value!.Value);
        var den = others.Where(d => d.IsKnown).Aggregate(1L, (p, d) => p * d.Value!.Value);
        if (den == 0 || num % den != 0)
        {
            return ShapeDim.Unknown;
        }

        var q = num / den;
        return symbols.Count switch
        {
            0 => ShapeDim.Known(q),
            1 when q == 1 => ShapeDim.Symbolic(symbols[0]),
            _ => ShapeDim.Unknown,
        };
    }

    /// <summary>Applies <paramref name="f"/> to a known dimension, keeping unknown and symbolic ones unknown.</summary>
    public static ShapeDim Map(ShapeDim d, Func<long, long> f) => d.IsKnown ? ShapeDim.Known(f(d.Value!.Value)) : ShapeDim.Unknown;
}
