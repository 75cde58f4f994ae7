// Something that watches one intermediate tensor of the float model during calibration: a range
// calibrator, a per-channel mean (bias correction) or a Hessian accumulator (GPTQ). The collector
// feeds every observer batch by batch and drops the batch afterwards.
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Observes one tensor across calibration batches with bounded state.</summary>
internal interface IActivationObserver
{
    /// <summary>Gets the tensor observed.</summary>
    string Tensor { get; }

    /// <summary>Adds one batch's value of the tensor.</summary>
    void Observe(Tensor value);

    /// <summary>Gets the bytes of state kept (independent of the number of samples).</summary>
    long StateBytes { get; }
}

/// <summary>Feeds a tensor's values to a range calibrator.</summary>
internal sealed class RangeObserver(string tensor, ITensorCalibrator calibrator) : IActivationObserver
{
    /// <inheritdoc/>
    public string Tensor { get; } = tensor;

    /// <summary>Gets the calibrator.</summary>
    public ITensorCalibrator Calibrator { get; } = calibrator;

    /// <inheritdoc/>
    public long StateBytes => Calibrator.StateBytes;

    /// <inheritdoc/>
    public void Observe(Tensor value) => Calibrator.Observe(value.AsFloat());
}

/// <summary>Accumulates the mean of a tensor per channel (axis 1 for 4-D NCHW, the last axis otherwise).</summary>
internal sealed class ChannelMeanObserver(string tensor) : IActivationObserver
{
    private double[]? _sums;
    private long _count;

    /// <inheritdoc/>
    public string Tensor { get; } = tensor;

    /// <inheritdoc/>
    public long StateBytes => ((_sums?.Length ?? 0) * sizeof(double)) + sizeof(long);

    /// <summary>Gets the per-channel means (empty before any batch).</summary>
    public double[] Means => _sums is null ? [] : _sums.Select(s => s / Math.Max(1, _count)).ToArray();

    /// <inheritdoc/>
    public void Observe(Tensor value)
    {
        var data = value.AsFloat();
        var shape = value.Shape;
        var channelAxis = shape.Length == 4 ? 1 : shape.Length - 1;
        var channels = (int)shape[channelAxis];
        var inner = shape.Skip(channelAxis + 1).Aggregate(1L, (a, b) => a * b);
        _sums ??= new double[channels];
        for (long i = 0; i < data.Length; i++)
        {
            _sums[(int)(i / inner % channels)] += data[i];
        }

        _count += data.Length / channels;
    }
}
