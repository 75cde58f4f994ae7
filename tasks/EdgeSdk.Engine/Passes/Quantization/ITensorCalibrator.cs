// The contract of a streaming range estimator: it sees an activation batch by batch and keeps only a
// fixed-size summary, so calibration memory does not grow with the number of samples.
namespace EdgeSdk.Passes.Quantization;

/// <summary>Estimates one tensor's quantization range from values seen batch by batch.</summary>
internal interface ITensorCalibrator
{
    /// <summary>Adds one batch of values (non-finite values are ignored).</summary>
    void Observe(ReadOnlySpan<float> values);

    /// <summary>Gets whether any finite value was observed.</summary>
    bool HasData { get; }

    /// <summary>Gets the exact minimum and maximum seen.</summary>
    (float Min, float Max) Observed { get; }

    /// <summary>Returns the range to quantize (before widening to contain zero).</summary>
    (float Min, float Max) ComputeRange();

    /// <summary>Gets the bytes the summary occupies (constant in the number of samples).</summary>
    long StateBytes { get; }

    /// <summary>Creates a calibrator for the method.</summary>
    static ITensorCalibrator Create(CalibrationMethod method, double percentile, bool symmetric) => method switch
    {
        CalibrationMethod.MinMax => new MinMaxCalibrator(),
        _ => new HistogramCalibrator(method, percentile, symmetric),
    };
}
