// Multiclass classification metrics under the names ML.NET users know, computed the way scikit-learn
// computes them (accuracy_score, balanced_accuracy_score, log_loss, top_k_accuracy_score,
// precision_recall_fscore_support, confusion_matrix), so values can be checked against reference numbers.
namespace EdgeSdk.Evaluation;

/// <summary>Multiclass metrics of one model on one labelled set.</summary>
internal sealed record MulticlassMetrics
{
    /// <summary>Gets the fraction of samples whose top-scored class is the label (ML.NET MicroAccuracy).</summary>
    public required double MicroAccuracy { get; init; }

    /// <summary>Gets the mean per-class recall over classes present in the labels (ML.NET MacroAccuracy).</summary>
    public required double MacroAccuracy { get; init; }

    /// <summary>Gets the mean negative log probability of the label (probabilities clipped to [1e-15, 1-1e-15] and renormalized).</summary>
    public required double LogLoss { get; init; }

    /// <summary>Gets the relative improvement of <see cref="LogLoss"/> over always predicting the label prior of the set.</summary>
    public required double LogLossReduction { get; init; }

    /// <summary>Gets the k of <see cref="TopKAccuracy"/>.</summary>
    public required int TopK { get; init; }

    /// <summary>Gets the fraction of samples whose label is among the <see cref="TopK"/> highest scores.</summary>
    public required double TopKAccuracy { get; init; }

    /// <summary>Gets each class's precision (0 when the class is never predicted).</summary>
    public required double[] PerClassPrecision { get; init; }

    /// <summary>Gets each class's recall (0 when the class never occurs).</summary>
    public required double[] PerClassRecall { get; init; }

    /// <summary>Gets each class's F1 score (0 when precision and recall are both 0).</summary>
    public required double[] PerClassF1 { get; init; }

    /// <summary>Gets the confusion matrix: rows are true classes, columns predicted classes.</summary>
    public required long[][] ConfusionMatrix { get; init; }

    /// <summary>Computes the metrics from an <c>n x classes</c> row-major score matrix (logits or probabilities) and class-index labels.</summary>
    /// <param name="scores">Scores, row-major, one row per sample.</param>
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

        var probabilities = Softmax.AreProbabilities(scores, n, classes) ? ToDouble(scores) : Softmax.Rows(scores, n, classes);
        var confusion = new long[classes][];
        for (var c = 0; c < classes; c++)
        {
            confusion[c] = new long[classes];
        }

        long correct = 0, inTopK = 0;
        double logLoss = 0;
        for (var i = 0; i < n; i++)
        {
            var label = labels[i];
            if (label < 0 || label >= classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} of sample {i} is not a class index in [0, {classes}).");
            }

            var row = scores.Slice(i * classes, classes);
            var predicted = ArgMax(row);
            confusion[label][predicted]++;
            correct += predicted == label ? 1 : 0;
            var higher = 0;
            foreach (var s in row)
            {
                higher += s > row[(int)label] ? 1 : 0;
            }

            inTopK += higher < topK ? 1 : 0;
            logLoss += -Math.Log(ClippedProbability(probabilities.AsSpan(i * classes, classes), (int)label));
        }

        logLoss /= n;
        var (precision, recall, f1) = PerClass(confusion);
        var present = Enumerable.Range(0, classes).Where(c => confusion[c].Sum() > 0).ToArray();
        var priorLogLoss = PriorLogLoss(confusion, n);
        return new MulticlassMetrics
        {
            MicroAccuracy = (double)correct / n,
            MacroAccuracy = present.Average(c => recall[c]),
            LogLoss = logLoss,
            LogLossReduction = priorLogLoss > 0 ? (priorLogLoss - logLoss) / priorLogLoss : 0,
            TopK = topK,
            TopKAccuracy = (double)inTopK / n,
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

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }

    // scikit-learn 1.2's log_loss: clip every probability to [eps, 1 - eps], renormalize the row, take the label's.
    private static double ClippedProbability(ReadOnlySpan<double> row, int label)
    {
        const double Eps = 1e-15;
        double sum = 0;
        foreach (var p in row)
        {
            sum += Math.Clamp(p, Eps, 1 - Eps);
        }

        return Math.Clamp(row[label], Eps, 1 - Eps) / sum;
    }

    private static double PriorLogLoss(long[][] confusion, int n)
    {
        double loss = 0;
        foreach (var row in confusion)
        {
            var count = row.Sum();
            if (count > 0)
            {
                loss -= count * Math.Log((double)count / n);
            }
        }

        return loss / n;
    }

    private static (double[] Precision, double[] Recall, double[] F1) PerClass(long[][] confusion)
    {
        var classes = confusion.Length;
        var precision = new double[classes];
        var recall = new double[classes];
        var f1 = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            long truePositive = confusion[c][c];
            long actual = confusion[c].Sum();
            long predicted = 0;
            for (var r = 0; r < classes; r++)
            {
                predicted += confusion[r][c];
            }

            precision[c] = predicted > 0 ? (double)truePositive / predicted : 0;
            recall[c] = actual > 0 ? (double)truePositive / actual : 0;
            f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
        }

        return (precision, recall, f1);
    }
}
