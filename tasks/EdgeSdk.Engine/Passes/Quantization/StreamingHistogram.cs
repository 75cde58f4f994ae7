// A fixed-size histogram over [-R, R] whose range doubles (merging bin pairs exactly) when a value falls
// outside it. Calibration methods that need the value distribution (percentile, entropy, mse) use it,
// so memory is the bin count, whatever the number of samples.
namespace EdgeSdk.Passes.Quantization;

/// <summary>A symmetric histogram with an exactly re-binnable, growing range.</summary>
internal sealed class StreamingHistogram
{
    private readonly long[] _counts;

    /// <summary>Creates a histogram with <paramref name="bins"/> bins (a multiple of 4).</summary>
    public StreamingHistogram(int bins = 2048)
    {
        if (bins < 4 || bins % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bins), "The bin count must be a positive multiple of 4.");
        }

        _counts = new long[bins];
    }

    /// <summary>Gets the half-width R of the covered range [-R, R] (0 before the first non-zero value).</summary>
    public double Radius { get; private set; }

    /// <summary>Gets the bin counts (index 0 covers [-R, -R + width)).</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Gets the number of values added.</summary>
    public long Total { get; private set; }

    /// <summary>Gets the number of values exactly zero added before any range existed (they go to the centre bin later).</summary>
    private long PendingZeros { get; set; }

    /// <summary>Gets the bin width.</summary>
    public double BinWidth => 2 * Radius / _counts.Length;

    /// <summary>Gets the bytes held.</summary>
    public long StateBytes => _counts.Length * sizeof(long) + 3 * sizeof(long);

    /// <summary>Adds finite values.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        var (min, max) = MinMaxCalibrator.FiniteMinMax(values);
        if (min > max)
        {
            return;
        }

        var absMax = Math.Max(Math.Abs((double)min), Math.Abs((double)max));
        if (Radius == 0 && absMax > 0)
        {
            Radius = absMax;
            if (PendingZeros > 0)
            {
                _counts[_counts.Length / 2] += PendingZeros;
                PendingZeros = 0;
            }
        }

        while (absMax > Radius && Radius > 0)
        {
            Grow();
        }

        if (Radius == 0)
        {
            foreach (var v in values)
            {
                if (float.IsFinite(v))
                {
                    PendingZeros++;
                    Total++;
                }
            }

            return;
        }

        var n = _counts.Length;
        var scale = n / (2 * Radius);
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }

            var index = (int)Math.Floor((v + Radius) * scale);
            _counts[Math.Clamp(index, 0, n - 1)]++;
            Total++;
        }
    }

    /// <summary>Returns the histogram of |x| over [0, R] with half as many bins (bin k covers [k·w, (k+1)·w)).</summary>
    public long[] AbsoluteCounts()
    {
        var half = _counts.Length / 2;
        var result = new long[half];
        for (var k = 0; k < half; k++)
        {
            result[k] = _counts[half + k] + _counts[half - 1 - k];
        }

        result[0] += PendingZeros;
        return result;
    }

    private void Grow()
    {
        // Doubling R: old bins [2j, 2j+1] of the range's inner half become new bin n/4 + j.
        var n = _counts.Length;
        var merged = new long[n];
        for (var j = 0; j < n / 2; j++)
        {
            merged[(n / 4) + j] = _counts[2 * j] + _counts[(2 * j) + 1];
        }

        Array.Copy(merged, _counts, n);
        Radius *= 2;
    }
}
