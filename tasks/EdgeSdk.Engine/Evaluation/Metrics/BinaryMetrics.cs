// Binary classification metrics under ML.NET's names, computed as scikit-learn computes them:
// roc_auc_score (ties count half), average_precision_score (the step-wise sum of precision times recall
// gained at each distinct threshold, no interpolation) and the thresholded counts.
namespace EdgeSdk.Evaluation;

/// <summary>Binary classification metrics of one model on one labelled set.</summary>
internal sealed record BinaryMetrics
{
    /// <summary>Gets the fraction of samples classified correctly at <see cref="Threshold"/>.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the area under the ROC curve.</summary>
    public required double AreaUnderRocCurve { get; init; }

    /// <summary>Gets the area under the precision-recall curve as average precision.</summary>
    public required double AreaUnderPrecisionRecallCurve { get; init; }

    /// <summary>Gets the F1 score of the positive class.</summary>
    public required double F1Score { get; init; }

    /// <summary>Gets the precision of positive predictions.</summary>
    public required double PositivePrecision { get; init; }

    /// <summary>Gets the recall of positive samples.</summary>
    public required double PositiveRecall { get; init; }

    /// <summary>Gets the precision of negative predictions.</summary>
    public required double NegativePrecision { get; init; }

    /// <summary>Gets the recall of negative samples.</summary>
    public required double NegativeRecall { get; init; }

    /// <summary>Gets the mean negative log likelihood of the labels (probabilities clipped to [1e-15, 1-1e-15] as scikit-learn 1.2 does).</summary>
    public required double LogLoss { get; init; }

    /// <summary>Gets the score at or above which a sample is predicted positive.</summary>
    public required double Threshold { get; init; }

    /// <summary>Computes the metrics from the probability (or any monotone score) of the positive class and 0/1 labels.</summary>
    public static BinaryMetrics Compute(ReadOnlySpan<double> positiveScores, ReadOnlySpan<long> labels, double threshold = 0.5)
    {
        var n = labels.Length;
        if (positiveScores.Length != n || n == 0)
        {
            throw new ArgumentException($"Expected {n} scores, got {positiveScores.Length}.");
        }

        long tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0;
        for (var i = 0; i < n; i++)
        {
            var positive = labels[i] switch
            {
                1 => true,
                0 => false,
                _ => throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[i]} of sample {i} is not 0 or 1."),
            };
            var predicted = positiveScores[i] >= threshold;
            var p = Math.Clamp(positiveScores[i], 1e-15, 1 - 1e-15);
            logLoss -= Math.Log(positive ? p : 1 - p);
            (tp, fp, tn, fn) = (positive, predicted) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (false, true) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        var positivePrecision = Ratio(tp, tp + fp);
        var positiveRecall = Ratio(tp, tp + fn);
        var (auc, averagePrecision) = RankingAreas(positiveScores, labels);
        return new BinaryMetrics
        {
            Accuracy = (double)(tp + tn) / n,
            AreaUnderRocCurve = auc,
            AreaUnderPrecisionRecallCurve = averagePrecision,
            F1Score = positivePrecision + positiveRecall > 0 ? 2 * positivePrecision * positiveRecall / (positivePrecision + positiveRecall) : 0,
            PositivePrecision = positivePrecision,
            PositiveRecall = positiveRecall,
            NegativePrecision = Ratio(tn, tn + fn),
            NegativeRecall = Ratio(tn, tn + fp),
            LogLoss = logLoss / n,
            Threshold = threshold,
        };
    }

    private static double Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : 0;

    // Walks the samples from the highest score down, one distinct threshold at a time (tied scores enter
    // together): the ROC area grows by a trapezoid, average precision by (recall gained) x precision.
    private static (double Auc, double AveragePrecision) RankingAreas(ReadOnlySpan<double> scores, ReadOnlySpan<long> labels)
    {
        var order = Enumerable.Range(0, scores.Length).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys.Select(k => -k).ToArray(), order);
        long positives = 0;
        foreach (var l in labels)
        {
            positives += l;
        }

        long negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return (double.NaN, positives == 0 ? double.NaN : 1.0);
        }

        double auc = 0, ap = 0;
        long tp = 0, fp = 0;
        var i = 0;
        while (i < order.Length)
        {
            long previousTp = tp, previousFp = fp;
            var score = keys[order[i]];
            while (i < order.Length && keys[order[i]] == score)
            {
                if (labels[order[i]] == 1)
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i++;
            }

            auc += (fp - previousFp) * (tp + previousTp) / 2.0;
            ap += (double)(tp - previousTp) / positives * tp / (tp + fp);
        }

        return (auc / (positives * negatives), ap);
    }
}
