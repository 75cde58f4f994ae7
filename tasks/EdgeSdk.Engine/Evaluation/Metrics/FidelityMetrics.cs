// How closely a transformed model reproduces the input (reference) model's outputs, for any task and for
// unlabeled data: top-1 agreement, mean and max absolute difference, and the signal-to-quantization-noise
// ratio in dB (10 log10 of reference energy over error energy).
namespace EdgeSdk.Evaluation;

/// <summary>Agreement of a model's outputs with a reference model's outputs on the same samples.</summary>
internal sealed record FidelityMetrics
{
    /// <summary>The SQNR reported when the outputs are identical (no error energy), in dB.</summary>
    public const double IdenticalSqnrDb = 200;

    /// <summary>Gets the fraction of samples whose argmax equals the reference's (1 for single-column outputs that match in sign).</summary>
    public required double Top1Agreement { get; init; }

    /// <summary>Gets the mean absolute element difference.</summary>
    public required double MeanAbsoluteDifference { get; init; }

    /// <summary>Gets the largest absolute element difference.</summary>
    public required double MaxAbsoluteDifference { get; init; }

    /// <summary>Gets the signal-to-quantization-noise ratio in dB, capped at <see cref="IdenticalSqnrDb"/>.</summary>
    public required double SqnrDb { get; init; }

    /// <summary>Compares <paramref name="output"/> with <paramref name="reference"/>, both <c>samples x columns</c> row-major.</summary>
    public static FidelityMetrics Compute(ReadOnlySpan<float> output, ReadOnlySpan<float> reference, int columns)
    {
        if (output.Length != reference.Length || columns <= 0 || output.Length % columns != 0 || output.Length == 0)
        {
            throw new ArgumentException($"Outputs of {output.Length} and {reference.Length} values with {columns} columns cannot be compared.");
        }

        double absolute = 0, max = 0, signal = 0, noise = 0;
        for (var i = 0; i < output.Length; i++)
        {
            double r = reference[i];
            var error = output[i] - r;
            absolute += Math.Abs(error);
            max = Math.Max(max, Math.Abs(error));
            signal += r * r;
            noise += error * error;
        }

        var samples = output.Length / columns;
        var agree = 0;
        for (var s = 0; s < samples; s++)
        {
            var o = output.Slice(s * columns, columns);
            var r = reference.Slice(s * columns, columns);
            agree += columns == 1 ? (o[0] > 0 == r[0] > 0 ? 1 : 0) : (MulticlassMetrics.ArgMax(o) == MulticlassMetrics.ArgMax(r) ? 1 : 0);
        }

        var sqnr = noise == 0 ? IdenticalSqnrDb : Math.Min(IdenticalSqnrDb, 10 * Math.Log10(signal / noise));
        return new FidelityMetrics
        {
            Top1Agreement = (double)agree / samples,
            MeanAbsoluteDifference = absolute / output.Length,
            MaxAbsoluteDifference = max,
            SqnrDb = sqnr,
        };
    }
}
