// Range estimators that need the value distribution: percentile (drop the extreme tails), entropy
// (the threshold whose quantized distribution diverges least from the float one, as in TensorRT and
// ONNX Runtime) and mse (the threshold with the smallest expected squared error). All work on one
// streaming histogram, so their memory is fixed.
namespace EdgeSdk.Passes.Quantization;

/// <summary>Percentile, entropy (KL) or MSE range selection over a streaming histogram.</summary>
internal sealed class HistogramCalibrator : ITensorCalibrator
{
    private readonly StreamingHistogram _histogram;
    private readonly MinMaxCalibrator _minMax = new();

    /// <summary>Creates the calibrator.</summary>
    /// <param name="method">Percentile, Entropy or Mse.</param>
    /// <param name="percentile">Kept percentile for <see cref="CalibrationMethod.Percentile"/>.</param>
    /// <param name="symmetric">Whether activations are quantized symmetrically (halves the levels available to non-negative data).</param>
    /// <param name="bins">Histogram bins.</param>
    public HistogramCalibrator(CalibrationMethod method, double percentile, bool symmetric, int bins = 2048)
    {
        if (method == CalibrationMethod.MinMax)
        {
            throw new ArgumentException("Use MinMaxCalibrator for minmax.", nameof(method));
        }

        Method = method;
        Percentile = percentile;
        Symmetric = symmetric;
        _histogram = new StreamingHistogram(bins);
    }

    /// <summary>Gets the method.</summary>
    public CalibrationMethod Method { get; }

    /// <summary>Gets the percentile.</summary>
    public double Percentile { get; }

    /// <summary>Gets whether activations are symmetric.</summary>
    public bool Symmetric { get; }

    /// <summary>Gets the histogram (for tests and diagnostics).</summary>
    public StreamingHistogram Histogram => _histogram;

    /// <inheritdoc/>
    public bool HasData => _minMax.HasData;

    /// <inheritdoc/>
    public (float Min, float Max) Observed => _minMax.Observed;

    /// <inheritdoc/>
    public long StateBytes => _histogram.StateBytes + _minMax.StateBytes;

    /// <inheritdoc/>
    public void Observe(ReadOnlySpan<float> values)
    {
        _minMax.Observe(values);
        _histogram.Add(values);
    }

    /// <inheritdoc/>
    public (float Min, float Max) ComputeRange()
    {
        var (min, max) = _minMax.Observed;
        if (!HasData || _histogram.Radius == 0)
        {
            return (min, max);
        }

        if (Method == CalibrationMethod.Percentile)
        {
            return PercentileRange(min, max);
        }

        var levels = min >= 0 && !Symmetric ? 256 : 128;
        var threshold = Method == CalibrationMethod.Entropy ? EntropyThreshold(levels) : MseThreshold(min >= 0 && !Symmetric ? 255 : 127.5);
        return (Math.Max(min, (float)-threshold), Math.Min(max, (float)threshold));
    }

    private (float Min, float Max) PercentileRange(float min, float max)
    {
        var counts = _histogram.Counts;
        var tail = _histogram.Total * (1 - (Percentile / 100.0));
        var width = _histogram.BinWidth;
        var radius = _histogram.Radius;
        double lower = min, upper = max;
        double cumulative = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            if (cumulative > tail)
            {
                lower = -radius + (i * width);
                break;
            }
        }

        cumulative = 0;
        for (var i = counts.Length - 1; i >= 0; i--)
        {
            cumulative += counts[i];
            if (cumulative > tail)
            {
                upper = -radius + ((i + 1) * width);
                break;
            }
        }

        return ((float)Math.Max(min, lower), (float)Math.Min(max, upper));
    }

    /// <summary>Returns the |x| threshold minimizing KL(P‖Q) between the clipped distribution and its <paramref name="levels"/>-level quantization.</summary>
    private double EntropyThreshold(int levels)
    {
        var abs = _histogram.AbsoluteCounts();
        var width = _histogram.BinWidth;
        var n = abs.Length;
        var last = Array.FindLastIndex(abs, c => c > 0);
        var first = Math.Min(16, last + 1);
        var best = double.PositiveInfinity;
        var bestBins = last + 1;
        var p = new double[n];
        var q = new double[n];
        var stride = Math.Max(1, (last + 1 - first) / 512);
        for (var i = first; i <= last + 1; i += stride)
        {
            double outliers = 0;
            for (var k = i; k < n; k++)
            {
                outliers += abs[k];
            }

            for (var k = 0; k < i; k++)
            {
                p[k] = abs[k];
            }

            p[i - 1] += outliers;

            // Quantize the unclipped slice into `levels` groups (fewer when the slice has fewer bins), spreading
            // each group's mass over its non-empty bins.
            var groups = Math.Min(levels, i);
            for (var g = 0; g < groups; g++)
            {
                var start = (int)((long)g * i / groups);
                var end = (int)((long)(g + 1) * i / groups);
                double sum = 0;
                var nonEmpty = 0;
                for (var k = start; k < end; k++)
                {
                    sum += abs[k];
                    nonEmpty += abs[k] > 0 ? 1 : 0;
                }

                for (var k = start; k < end; k++)
                {
                    q[k] = abs[k] > 0 ? sum / nonEmpty : 0;
                }
            }

            var kl = Divergence(p.AsSpan(0, i), q.AsSpan(0, i));
            if (kl < best)
            {
                best = kl;
                bestBins = i;
            }
        }

        return bestBins * width;
    }

    /// <summary>Returns the |x| threshold minimizing the expected squared error with <paramref name="stepsPerThreshold"/> steps between 0 and the threshold.</summary>
    private double MseThreshold(double stepsPerThreshold)
    {
        var abs = _histogram.AbsoluteCounts();
        var width = _histogram.BinWidth;
        var last = Array.FindLastIndex(abs, c => c > 0);
        var stride = Math.Max(1, (last + 1) / 512);
        var best = double.PositiveInfinity;
        var bestThreshold = (last + 1) * width;
        for (var i = last + 1; i >= 1; i -= stride)
        {
            var threshold = i * width;
            var step = threshold / stepsPerThreshold;
            var rounding = step * step / 12;
            double error = 0;
            for (var k = 0; k <= last; k++)
            {
                if (abs[k] == 0)
                {
                    continue;
                }

                var centre = (k + 0.5) * width;
                error += abs[k] * (centre <= threshold ? rounding : ((centre - threshold) * (centre - threshold)) + rounding);
            }

            if (error < best)
            {
                best = error;
                bestThreshold = threshold;
            }
        }

        return bestThreshold;
    }

    /// <summary>KL divergence of normalized <paramref name="p"/> from normalized <paramref name="q"/> (zero-mass bins of q smoothed).</summary>
    public static double Divergence(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double sp = 0, sq = 0;
        for (var k = 0; k < p.Length; k++)
        {
            sp += p[k];
            sq += q[k];
        }

        if (sp == 0 || sq == 0)
        {
            return double.PositiveInfinity;
        }

        double kl = 0;
        for (var k = 0; k < p.Length; k++)
        {
            if (p[k] <= 0)
            {
                continue;
            }

            var pk = p[k] / sp;
            var qk = Math.Max(q[k] / sq, 1e-10);
            kl += pk * Math.Log(pk / qk);
        }

        return kl;
    }
}
