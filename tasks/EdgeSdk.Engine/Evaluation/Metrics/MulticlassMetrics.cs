// Multiclass classification metrics from ML.NET's evaluator (MLContext.MulticlassClassification.Evaluate):
// accuracies, log loss and its reduction, top-k accuracy, per-class precision/recall and the confusion
// matrix. EdgeSdk adds what ML.NET lacks (per-class F1) and the softmax of logit outputs.
namespace EdgeSdk.Evaluation;

/// <summary>Multiclass metrics of one model on one labelled set.</summary>
internal sealed record MulticlassMetrics
{
    /// <summary>Gets the fraction of samples whose top-scored class is the label (ML.NET MicroAccuracy).</summary>
    public required double MicroAccuracy { get; init; }

    /// <summary>Gets the mean per-class recall over classes present in the labels (ML.NET MacroAccuracy).</summary>
    public required double MacroAccuracy { get; init; }

    /// <summary>Gets the mean negative natural log probability of the label (each probability raised to at least 1e-15, no renormalization; ML.NET LogLoss).</summary>
    public required double LogLoss { get; init; }

    /// <summary>Gets the relative improvement of <see cref="LogLoss"/> over always predicting the label prior of the set, a fraction (ML.NET LogLossReduction; 0 when every label is one class).</summary>
    public required double LogLossReduction { get; init; }

    /// <summary>Gets the k of <see cref="TopKAccuracy"/>.</summary>
    public required int TopK { get; init; }

    /// <summary>Gets the fraction of samples whose label is among the <see cref="TopK"/> highest probabilities, tied classes ranked by index (ML.NET TopKAccuracy).</summary>
    public required double TopKAccuracy { get; init; }

    /// <summary>Gets each class's precision (0 when the class is never predicted).</summary>
    public required double[] PerClassPrecision { get; init; }

    /// <summary>Gets each class's recall (0 when the class never occurs).</summary>
    public required double[] PerClassRecall { get; init; }

    /// <summary>Gets each class's F1 score (EdgeSdk's, from ML.NET's precision and recall; 0 when both are 0).</summary>
    public required double[] PerClassF1 { get; init; }

    /// <summary>Gets the confusion matrix: rows are true classes, columns predicted classes.</summary>
    public required long[][] ConfusionMatrix { get; init; }

    /// <summary>Computes the metrics with ML.NET's multiclass evaluator from an <c>n x classes</c> row-major score matrix (logits or probabilities) and class-index labels.</summary>
    /// <param name="scores">Scores, row-major, one row per sample: softmaxed unless every row already is a distribution.</param>
    /// <param name="labels">Label (class index) per sample.</param>
    /// <param name="classes">Number of classes (score columns).</param>
    /// <param name="topK">The k of top-k accuracy.</param>
    public static MulticlassMetrics Compute(ReadOnlySpan<float> scores, ReadOnlySpan<long> labels, int classes, int topK = 3)
    {
        var n = labels.Length;
        if (classes < 2 || scores.Length != n * classes || n == 0)
        {
            throw new ArgumentException($"Expected {n} x {classes} scores with at least 2 classes and 1 sample, got {scores.Length} values.");
        }

        if (topK < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(topK), $"Top-k accuracy needs k of at least 1, got {topK}.");
        }

        var predicted = new int[n];
        for (var i = 0; i < n; i++)
        {
            var label = labels[i];
            if (label < 0 || label >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} of sample {i} is not a class index in [0, {classes}).");
            }

            predicted[i] = ArgMax(scores.Slice(i * classes, classes));
        }

        var probabilities = Softmax.AreProbabilities(scores, n, classes) ? scores.ToArray() : Softmax.Rows(scores, n, classes).Select(p => (float)p).ToArray();
        var m = MlNetEvaluators.Multiclass(probabilities, predicted, labels.ToArray(), classes, Math.Min(topK, classes));
        var confusion = m.ConfusionMatrix.Counts.Select(row => row.Select(c => (long)c).ToArray()).ToArray();
        var precision = m.ConfusionMatrix.PerClassPrecision.ToArray();
        var recall = m.ConfusionMatrix.PerClassRecall.ToArray();
        var f1 = precision.Zip(recall, (p, r) => p + r > 0 ? 2 * p * r / (p + r) : 0).ToArray();

        // ML.NET divides by the prior's log loss, which is 0 when every label is one class (+infinity then); 0 keeps the value finite.
        var singleClass = confusion.Count(row => row.Sum() > 0) == 1;
        return new MulticlassMetrics
        {
            MicroAccuracy = m.MicroAccuracy,
            MacroAccuracy = m.MacroAccuracy,
            LogLoss = m.LogLoss,
            LogLossReduction = singleClass ? 0 : m.LogLossReduction,
            TopK = Math.Min(topK, classes),
            TopKAccuracy = m.TopKAccuracy,
            PerClassPrecision = precision,
            PerClassRecall = recall,
            PerClassF1 = f1,
            ConfusionMatrix = confusion,
        };
    }

    /// <summary>Returns the index of the first largest value (as numpy's argmax).</summary>
    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
        {
            if (row[c] > row[best])
            {
                best = c;
            }
        }

        return best;
    }
}
