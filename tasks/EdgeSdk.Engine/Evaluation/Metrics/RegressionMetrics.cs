// Regression metrics from ML.NET's evaluator (MLContext.Regression.Evaluate): MeanAbsoluteError,
// MeanSquaredError, RootMeanSquaredError and RSquared.
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

    /// <summary>Computes the metrics with ML.NET's regression evaluator (values as float32, sums in float64).</summary>
    public static RegressionMetrics Compute(ReadOnlySpan<double> predicted, ReadOnlySpan<double> truth)
    {
        if (predicted.Length != truth.Length || truth.Length == 0)
        {
            throw new ArgumentException($"Expected {truth.Length} predictions, got {predicted.Length}.");
        }

        var m = MlNetEvaluators.Regression(ToFloat(predicted), ToFloat(truth));

        // ML.NET's RSquared is NaN when every label is equal (no variance to explain); keep 1 for a perfect fit, else 0.
        var rSquared = double.IsNaN(m.RSquared) ? (m.MeanSquaredError == 0 ? 1 : 0) : m.RSquared;
        return new RegressionMetrics
        {
            MeanAbsoluteError = m.MeanAbsoluteError,
            MeanSquaredError = m.MeanSquaredError,
            RootMeanSquaredError = m.RootMeanSquaredError,
            RSquared = rSquared,
        };
    }

    private static float[] ToFloat(ReadOnlySpan<double> values)
    {
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (float)values[i];
        }

        return result;
    }
}
