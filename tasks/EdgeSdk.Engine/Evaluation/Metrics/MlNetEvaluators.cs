// The one place EdgeSdk talks to ML.NET: model outputs and labels become an IDataView of the column
// types ML.NET's evaluators accept (float32 only; multiclass labels as 0-based key indices, scores as
// probability vectors; binary labels as booleans) and MLContext's Multiclass/Binary/Regression Evaluate
// computes the metrics of those names. A fresh MLContext with a fixed seed per call keeps results
// deterministic (the precision-recall area samples a reservoir past 100 000 rows).
using Microsoft.ML;
using Microsoft.ML.Data;
using MlRegressionMetrics = Microsoft.ML.Data.RegressionMetrics;

namespace EdgeSdk.Evaluation;

/// <summary>Runs ML.NET's evaluators on arrays.</summary>
internal static class MlNetEvaluators
{
    /// <summary>The seed of every MLContext the evaluators run in.</summary>
    private const int Seed = 0;

    /// <summary>Evaluates <paramref name="probabilities"/> (<c>n x classes</c> row-major, rows are distributions) against 0-based class labels.</summary>
    /// <param name="probabilities">Class probabilities, one row per sample.</param>
    /// <param name="predicted">The predicted class of each sample (0-based).</param>
    /// <param name="labels">The true class of each sample (0-based, below <paramref name="classes"/>).</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="topK">The k of TopKAccuracy (at least 1).</param>
    public static MulticlassClassificationMetrics Multiclass(float[] probabilities, int[] predicted, long[] labels, int classes, int topK)
    {
        var rows = new MulticlassRow[labels.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new MulticlassRow { Label = (uint)labels[i], PredictedLabel = (uint)predicted[i], Score = probabilities.AsSpan(i * classes, classes).ToArray() };
        }

        // A key column's raw value is the 0-based index here; ML.NET stores it as key value index + 1.
        var schema = SchemaDefinition.Create(typeof(MulticlassRow));
        schema[nameof(MulticlassRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(MulticlassRow.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        schema[nameof(MulticlassRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, classes);
        var context = new MLContext(Seed);
        return context.MulticlassClassification.Evaluate(context.Data.LoadFromEnumerable(rows, schema), topKPredictionCount: topK);
    }

    /// <summary>Evaluates ranking scores and probabilities of the positive class against boolean labels (both classes must occur).</summary>
    /// <param name="scores">Score per sample: ranks samples for the areas; positive when above 0.</param>
    /// <param name="probabilities">P(positive) per sample for LogLoss, or null for the metrics without probabilities.</param>
    /// <param name="labels">True class per sample.</param>
    public static BinaryClassificationMetrics Binary(float[] scores, float[]? probabilities, bool[] labels)
    {
        var rows = new BinaryRow[labels.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new BinaryRow { Label = labels[i], Score = scores[i], Probability = probabilities?[i] ?? 0, PredictedLabel = scores[i] > 0 };
        }

        var context = new MLContext(Seed);
        var view = context.Data.LoadFromEnumerable(rows);
        return probabilities is null ? context.BinaryClassification.EvaluateNonCalibrated(view) : context.BinaryClassification.Evaluate(view);
    }

    /// <summary>Evaluates predictions against true values.</summary>
    public static MlRegressionMetrics Regression(float[] predicted, float[] truth)
    {
        var rows = new RegressionRow[truth.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new RegressionRow { Label = truth[i], Score = predicted[i] };
        }

        var context = new MLContext(Seed);
        return context.Regression.Evaluate(context.Data.LoadFromEnumerable(rows));
    }

    // Row types for LoadFromEnumerable (ML.NET binds public fields or properties by name).
    private sealed class MulticlassRow
    {
        public uint Label { get; init; }

        public uint PredictedLabel { get; init; }

        public float[] Score { get; init; } = [];
    }

    private sealed class BinaryRow
    {
        public bool Label { get; init; }

        public float Score { get; init; }

        public float Probability { get; init; }

        public bool PredictedLabel { get; init; }
    }

    private sealed class RegressionRow
    {
        public float Label { get; init; }

        public float Score { get; init; }
    }
}
