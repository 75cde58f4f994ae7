// Regression metrics under ML.NET's names (L1, L2, RMS, RSquared), computed as scikit-learn's
// mean_absolute_error, mean_squared_error and r2_score, in double precision.
namespace EdgeSdk.Evaluation;

/// <summary>Regression metrics of one model on one labelled set.</summary>
internal sealed record RegressionMetrics
{
    /// <summary>Gets the mean absolute error.</summary>
    public required double MeanAbsoluteError { get; init; }

    /// <summary>Gets the mean squared error.</summary>
    public required double MeanSquaredError { get; init; }

    /// <summary>Gets the root of the mean squared error.</summary>
    public required double RootMeanSquaredError { get; init; }

    /// <summary>Gets the coefficient of determination (1 - residual / total sum of squares).</summary>
    public required double RSquared { get; init; }

    /// <summary>Computes the metrics from predictions and true values.</summary>
    public static RegressionMetrics Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> truth)
    {
        if (predicted.Length != truth.Length || truth.Length == 0)
        {
            throw new ArgumentException($"Expected {truth.Length} predictions, got {predicted.Length}.");
        }

        double mean = 0;
        foreach (var t in truth)
        {
            mean += t;
        }

        mean /= truth.Length;
        double absolute = 0, squared = 0, total = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var error = truth[i] - predicted[i];
            absolute += Math.Abs(error);
            squared += error * error;
            total += (truth[i] - mean) * (truth[i] - mean);
        }

        var mse = squared / truth.Length;
        return new RegressionMetrics
        {
            MeanAbsoluteError = absolute / truth.Length,
            MeanSquaredError = mse,
            RootMeanSquaredError = Math.Sqrt(mse),
            RSquared = total > 0 ? 1 - (squared / total) : (squared == 0 ? 1 : 0),
        };
    }
}
