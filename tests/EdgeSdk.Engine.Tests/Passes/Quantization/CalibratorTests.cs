// Calibration methods against hand-computed thresholds, and the streaming histogram's exact re-binning
// and fixed memory.
using EdgeSdk.Passes.Quantization;

namespace EdgeSdk.Engine.Tests.Quantization;

public class CalibratorTests
{
    [Fact]
    public void MinMaxKeepsTheExtremesAcrossBatchesAndIgnoresNonFiniteValues()
    {
        var c = new MinMaxCalibrator();
        c.Observe([1f, 2f, float.NaN]);
        c.Observe([-3f, float.PositiveInfinity, 0.5f]);
        c.ComputeRange().Should().Be((-3f, 2f));
    }

    [Fact]
    public void HistogramGrowthPreservesCountsExactly()
    {
        var h = new StreamingHistogram(bins: 8);
        h.Add([0.1f, -0.9f, 0.6f]);        // R = 0.9, width 0.225
        h.Radius.Should().BeApproximately(0.9, 1e-6);
        h.Add([3f]);                       // R doubles twice: 1.8 → 3.6
        h.Radius.Should().BeApproximately(3.6, 1e-6);
        h.Total.Should().Be(4);
        h.Counts.ToArray().Sum().Should().Be(4);
        // Bin width 0.9: -0.9 → bin 3 ([-0.9, 0)), 0.1 and 0.6 → bin 4, 3 → bin 7.
        h.Counts.ToArray().Should().Equal(0, 0, 0, 1, 2, 0, 0, 1);
    }

    [Fact]
    public void PercentileDropsTheTails()
    {
        // 1000 values 0..999 (/1000) plus one outlier at 50: the 99.9th percentile clips the outlier.
        var values = Enumerable.Range(0, 1000).Select(i => i / 1000f).Append(50f).ToArray();
        var c = new HistogramCalibrator(CalibrationMethod.Percentile, 99.9, symmetric: false);
        c.Observe(values);
        var (min, max) = c.ComputeRange();
        min.Should().Be(0f);
        max.Should().BeInRange(0.99f, 1.06f); // upper edge of the bin holding 0.999 (bin width 100/2048)
        new MinMaxCalibrator().Also(m => m.Observe(values)).ComputeRange().Max.Should().Be(50f);
    }

    [Fact]
    public void EntropyIgnoresASingleFarOutlier()
    {
        // 10,000 uniform values in [0, 1) and one at 40: the KL threshold lands near 1, far from 40.
        var random = new Random(3);
        var values = Enumerable.Range(0, 10_000).Select(_ => (float)random.NextDouble()).Append(40f).ToArray();
        foreach (var method in new[] { CalibrationMethod.Entropy })
        {
            var c = new HistogramCalibrator(method, 99.999, symmetric: false);
            c.Observe(values);
            var (min, max) = c.ComputeRange();
            min.Should().BeInRange(0f, 0.001f);
            max.Should().BeInRange(0.9f, 1.2f, $"{method} should clip the outlier");
        }
    }

    [Fact]
    public void MseThresholdIsNearTheBruteForceOptimumOnHeavyTailedData()
    {
        // |Cauchy| magnitudes: the exact squared error of quantize-dequantize at the chosen threshold must be
        // within 15% of the best threshold on a fine grid (computed value by value, not from the histogram).
        var random = new Random(11);
        var values = Enumerable.Range(0, 20_000).Select(_ => (float)Math.Abs(Math.Tan(Math.PI * (random.NextDouble() - 0.5)))).ToArray();
        var c = new HistogramCalibrator(CalibrationMethod.Mse, 0, symmetric: false);
        c.Observe(values);
        var chosen = c.ComputeRange().Max;
        double Error(float t)
        {
            var p = QuantParams.ForActivation(0, t, Tensors.TensorElementType.UInt8, false);
            return values.Sum(v => Math.Pow(v - p.FakeQuantize(v), 2));
        }

        var best = Enumerable.Range(1, 200).Select(i => Error(values.Max() * i / 200f)).Min();
        Error(chosen).Should().BeLessThan(best * 1.15, "the histogram (2048 bins) approximates the error");
    }

    [Fact]
    public void MseThresholdMatchesTheHandComputedOptimum()
    {
        // 100 values at 1.0 and one at 8.0, non-negative, 255 steps up to the threshold t:
        // error(t) ≈ 101·(t/255)²/12 + (8 - t)² for t < 8 — minimized at t ≈ 8 (clipping costs more than rounding),
        // so the threshold is the top of the histogram.
        var values = Enumerable.Repeat(1f, 100).Append(8f).ToArray();
        var c = new HistogramCalibrator(CalibrationMethod.Mse, 0, symmetric: false);
        c.Observe(values);
        c.ComputeRange().Max.Should().Be(8f);
    }

    [Fact]
    public void CalibrationStateDoesNotGrowWithSamples()
    {
        var c = new HistogramCalibrator(CalibrationMethod.Entropy, 0, symmetric: false);
        c.Observe(new float[100]);
        var small = c.StateBytes;
        var random = new Random(1);
        for (var i = 0; i < 100; i++)
        {
            c.Observe(Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble() * i).ToArray());
        }

        c.StateBytes.Should().Be(small);
    }

    [Fact]
    public void KlDivergenceOfIdenticalDistributionsIsZero()
    {
        HistogramCalibrator.Divergence([1, 2, 3], [2, 4, 6]).Should().BeApproximately(0, 1e-12);
        HistogramCalibrator.Divergence([1, 0], [0.5, 0.5]).Should().BeApproximately(Math.Log(2), 1e-12);
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
