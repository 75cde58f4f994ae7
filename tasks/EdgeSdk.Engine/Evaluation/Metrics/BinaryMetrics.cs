// Binary classification metrics from ML.NET's evaluator (MLContext.BinaryClassification.Evaluate): ROC and
// precision-recall areas, LogLoss and the metrics at EdgeSdk's probability threshold. A set with only one
// class, which ML.NET refuses, keeps the thresholded metrics (from the counts) and leaves the areas NaN.
using Microsoft.ML.Data;

namespace EdgeSdk.Evaluation;

/// <summary>Binary classification metrics of one model on one labelled set.</summary>
internal sealed record BinaryMetrics
{
    /// <summary>Gets the fraction of samples classified correctly at <see cref="Threshold"/>.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Gets the area under the ROC curve.</summary>
    public required double AreaUnderRocCurve { get; init; }

    /// <summary>Gets ML.NET's area under the precision-recall curve (the lower-trapezoid estimator, not scikit-learn's average precision).</summary>
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

    /// <summary>Gets ML.NET's LogLoss: the mean negative log2 likelihood of the labels, in bits and unclipped (infinite when a probability of exactly 0 or 1 is wrong).</summary>
    public required double LogLoss { get; init; }

    /// <summary>Gets the score at or above which a sample is predicted positive.</summary>
    public required double Threshold { get; init; }

    /// <summary>Computes the metrics with ML.NET's binary evaluator from the probability of the positive class and 0/1 labels.</summary>
    /// <param name="positiveScores">P(positive) per sample.</param>
    /// <param name="labels">0 or 1 per sample.</param>
    /// <param name="threshold">A sample is predicted positive when its probability is at least this.</param>
    public static BinaryMetrics Compute(ReadOnlySpan<double> positiveScores, ReadOnlySpan<long> labels, double threshold = 0.5)
    {
        var n = labels.Length;
        if (positiveScores.Length != n || n == 0)
        {
            throw new ArgumentException($"Expected {n} scores, got {positiveScores.Length}.");
        }

        var truth = new bool[n];
        var probabilities = new float[n];
        var decisions = new float[n];
        for (var i = 0; i < n; i++)
        {
            truth[i] = labels[i] switch
            {
                1 => true,
                0 => false,
                _ => throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[i]} of sample {i} is not 0 or 1."),
            };
            probabilities[i] = Float32Probability(positiveScores[i]);
            decisions[i] = positiveScores[i] >= threshold ? 1 : -1;
        }

        var positives = truth.Count(t => t);
        if (positives == 0 || positives == n)
        {
            return OneClass(truth, probabilities, decisions, threshold);
        }

        // ML.NET predicts positive when the score is above 0, so the thresholded metrics come from a
        // second evaluation on +1/-1 decisions; the areas and LogLoss from the probabilities themselves.
        var ranked = MlNetEvaluators.Binary(probabilities, probabilities, truth);
        var decided = MlNetEvaluators.Binary(decisions, null, truth);
        return new BinaryMetrics
        {
            Accuracy = decided.Accuracy,
            AreaUnderRocCurve = ranked.AreaUnderRocCurve,
            AreaUnderPrecisionRecallCurve = ranked.AreaUnderPrecisionRecallCurve,
            F1Score = decided.F1Score,
            PositivePrecision = decided.PositivePrecision,
            PositiveRecall = decided.PositiveRecall,
            NegativePrecision = decided.NegativePrecision,
            NegativeRecall = decided.NegativeRecall,
            LogLoss = ((CalibratedBinaryClassificationMetrics)ranked).LogLoss,
            Threshold = threshold,
        };
    }

    /// <summary>Computes the thresholded metrics from confusion counts, with ML.NET's formulas (a ratio with a zero denominator is 0).</summary>
    public static (double Accuracy, double F1Score, double PositivePrecision, double PositiveRecall, double NegativePrecision, double NegativeRecall) FromCounts(long tp, long fp, long tn, long fn)
    {
        var positivePrecision = Ratio(tp, tp + fp);
        var positiveRecall = Ratio(tp, tp + fn);
        var f1 = positivePrecision + positiveRecall > 0 ? 2 * positivePrecision * positiveRecall / (positivePrecision + positiveRecall) : 0;
        return (Ratio(tp + tn, tp + fp + tn + fn), f1, positivePrecision, positiveRecall, Ratio(tn, tn + fn), Ratio(tn, tn + fp));
    }

    /// <summary>Returns the float32 probability ML.NET reads: clamped to [0, 1], and never rounded to exactly 0 or 1 unless it is (so rounding alone cannot make LogLoss infinite).</summary>
    public static float Float32Probability(double p)
    {
        var f = (float)Math.Clamp(p, 0, 1);
        return f == 1 && p < 1 ? MathF.BitDecrement(1f) : f == 0 && p > 0 ? float.Epsilon : f;
    }

    private static double Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : 0;

    // ML.NET refuses a set without both classes (its AUC is undefined there): the areas are NaN, the
    // thresholded metrics come from the counts and LogLoss is ML.NET's formula (bits, unclipped).
    private static BinaryMetrics OneClass(bool[] truth, float[] probabilities, float[] decisions, double threshold)
    {
        long tp = 0, fp = 0, tn = 0, fn = 0;
        double bits = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            var predicted = decisions[i] > 0;
            (tp, fp, tn, fn) = (truth[i], predicted) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (false, true) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
            bits -= Math.Log(truth[i] ? probabilities[i] : 1.0 - probabilities[i], 2);
        }

        var counted = FromCounts(tp, fp, tn, fn);
        return new BinaryMetrics
        {
            Accuracy = counted.Accuracy,
            AreaUnderRocCurve = double.NaN,
            AreaUnderPrecisionRecallCurve = double.NaN,
            F1Score = counted.F1Score,
            PositivePrecision = counted.PositivePrecision,
            PositiveRecall = counted.PositiveRecall,
            NegativePrecision = counted.NegativePrecision,
            NegativeRecall = counted.NegativeRecall,
            LogLoss = bits / truth.Length,
            Threshold = threshold,
        };
    }
}
