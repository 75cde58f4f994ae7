// The simplest range estimator: the exact minimum and maximum over every calibration sample.
namespace EdgeSdk.Passes.Quantization;

/// <summary>Keeps the running minimum and maximum.</summary>
internal sealed class MinMaxCalibrator : ITensorCalibrator
{
    private float _min = float.PositiveInfinity;
    private float _max = float.NegativeInfinity;

    /// <inheritdoc/>
    public bool HasData => _min <= _max;

    /// <inheritdoc/>
    public (float Min, float Max) Observed => (_min, _max);

    /// <inheritdoc/>
    public long StateBytes => 2 * sizeof(float);

    /// <inheritdoc/>
    public void Observe(ReadOnlySpan<float> values)
    {
        var (min, max) = FiniteMinMax(values);
        _min = Math.Min(_min, min);
        _max = Math.Max(_max, max);
    }

    /// <inheritdoc/>
    public (float Min, float Max) ComputeRange() => (_min, _max);

    /// <summary>Returns the minimum and maximum of the finite values (±infinity when there are none).</summary>
    public static (float Min, float Max) FiniteMinMax(ReadOnlySpan<float> values)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (float.IsFinite(v))
            {
                if (v < min)
                {
                    min = v;
                }

                if (v > max)
                {
                    max = v;
                }
            }
        }

        return (min, max);
    }
}
