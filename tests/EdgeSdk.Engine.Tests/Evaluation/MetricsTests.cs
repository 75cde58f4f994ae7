// Every metric checked against scikit-learn's values on the fixtures' real predictions; where ML.NET (which
// computes them) defines a metric differently, against a hand computation of ML.NET's definition.
using EdgeSdk.Evaluation;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Evaluation;

public class MetricsTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData("digits_cnn")]
    [InlineData("digits_mlp")]
    [InlineData("digits_transformer")]
    public void MulticlassMetricsMatchScikitLearn(string name)
    {
        var logits = ReferenceMetrics.Array(ReferenceMetrics.Case(name).GetProperty("logits").GetString()!);
        var labels = ReferenceMetrics.Array(ReferenceMetrics.Case(name).GetProperty("labels").GetString()!).AsInt64();
        var m = MulticlassMetrics.Compute(logits.AsFloat(), labels, (int)logits.Shape[1], topK: 3);

        m.MicroAccuracy.Should().BeApproximately(ReferenceMetrics.Value(name, "MicroAccuracy"), Tolerance);
        m.MacroAccuracy.Should().BeApproximately(ReferenceMetrics.Value(name, "MacroAccuracy"), Tolerance);
        m.LogLoss.Should().BeApproximately(ReferenceMetrics.Value(name, "LogLoss"), Tolerance);
        m.LogLossReduction.Should().BeApproximately(ReferenceMetrics.Value(name, "LogLossReduction_vs_label_prior_of_this_set"), Tolerance);
        m.TopKAccuracy.Should().BeApproximately(ReferenceMetrics.Value(name, "Top3Accuracy"), Tolerance);
        m.PerClassPrecision.Should().Equal(ReferenceMetrics.Vector(name, "per_class_precision"), (a, b) => Math.Abs(a - b) < Tolerance);
        m.PerClassRecall.Should().Equal(ReferenceMetrics.Vector(name, "per_class_recall"), (a, b) => Math.Abs(a - b) < Tolerance);
        m.PerClassF1.Should().Equal(ReferenceMetrics.Vector(name, "per_class_f1"), (a, b) => Math.Abs(a - b) < Tolerance);
        m.ConfusionMatrix.Should().BeEquivalentTo(ReferenceMetrics.Matrix(name, "confusion_matrix_rows_true_cols_pred"), o => o.WithStrictOrdering());
    }

    [Fact]
    public void BinaryMetricsMatchScikitLearn()
    {
        const string Name = "breast_cancer_logreg";
        var scores = ReferenceMetrics.AsDoubles(ReferenceMetrics.Array(ReferenceMetrics.Case(Name).GetProperty("scores").GetString()!));
        var labels = ReferenceMetrics.Array(ReferenceMetrics.Case(Name).GetProperty("labels").GetString()!).AsInt64();
        var m = BinaryMetrics.Compute(scores, labels, ReferenceMetrics.Value(Name, "threshold"));

        m.Accuracy.Should().BeApproximately(ReferenceMetrics.Value(Name, "Accuracy"), Tolerance);
        m.AreaUnderRocCurve.Should().BeApproximately(ReferenceMetrics.Value(Name, "AreaUnderRocCurve"), Tolerance);
        // ML.NET's precision-recall area is the lower-trapezoid estimator, not scikit-learn's average precision:
        // equal to the estimator computed here by hand, and close to (not equal to) average precision.
        m.AreaUnderPrecisionRecallCurve.Should().BeApproximately(LowerTrapezoidPrArea(scores, labels), 1e-12);
        m.AreaUnderPrecisionRecallCurve.Should().NotBe(ReferenceMetrics.Value(Name, "AreaUnderPrecisionRecallCurve_average_precision"));
        m.AreaUnderPrecisionRecallCurve.Should().BeApproximately(ReferenceMetrics.Value(Name, "AreaUnderPrecisionRecallCurve_average_precision"), 1e-4);
        m.F1Score.Should().BeApproximately(ReferenceMetrics.Value(Name, "F1Score"), Tolerance);
        m.PositivePrecision.Should().BeApproximately(ReferenceMetrics.Value(Name, "PositivePrecision"), Tolerance);
        m.PositiveRecall.Should().BeApproximately(ReferenceMetrics.Value(Name, "PositiveRecall"), Tolerance);
        m.NegativePrecision.Should().BeApproximately(ReferenceMetrics.Value(Name, "NegativePrecision"), Tolerance);
        m.NegativeRecall.Should().BeApproximately(ReferenceMetrics.Value(Name, "NegativeRecall"), Tolerance);
    }

    [Fact]
    public void RegressionMetricsMatchScikitLearn()
    {
        const string Name = "regression_synthetic";
        var truth = ReferenceMetrics.AsDoubles(ReferenceMetrics.Array(ReferenceMetrics.Case(Name).GetProperty("true").GetString()!));
        var predicted = ReferenceMetrics.AsDoubles(ReferenceMetrics.Array(ReferenceMetrics.Case(Name).GetProperty("pred").GetString()!));
        var m = RegressionMetrics.Compute(predicted, truth);

        // The reference values are ~1e3; 1e-9 relative is what float64 summation order allows.
        m.MeanAbsoluteError.Should().BeApproximately(ReferenceMetrics.Value(Name, "MeanAbsoluteError"), 1e-9);
        m.MeanSquaredError.Should().BeApproximately(ReferenceMetrics.Value(Name, "MeanSquaredError"), 1e-7);
        m.RootMeanSquaredError.Should().BeApproximately(ReferenceMetrics.Value(Name, "RootMeanSquaredError"), 1e-9);
        // ML.NET's float64 sums for RSquared agree with scikit-learn's to ~1e-8 here.
        m.RSquared.Should().BeApproximately(ReferenceMetrics.Value(Name, "RSquared"), 1e-7);
    }

    [Fact]
    public void PrecisionRecallAreaIsMlNetsLowerTrapezoidWithTiedScoresEnteringOneAtATime()
    {
        // Samples by falling score; each positive adds (recall gained) x (precision before it, after any
        // negatives, + precision after it) / 2. Scores [.8 neg, .4 pos, .4 pos, .1 neg]: precision 0 before the
        // first positive (after the negative), then 1/2, 2/3: 1/2 (0 + 1/2)/2 + 1/2 (1/2 + 2/3)/2 = 5/12.
        // scikit-learn's average precision enters the tie at once: 2/3. ROC AUC = 0.5 in both.
        var m = BinaryMetrics.Compute([0.1, 0.4, 0.4, 0.8], [0, 1, 1, 0]);
        m.AreaUnderPrecisionRecallCurve.Should().BeApproximately(5.0 / 12, 1e-12);
        m.AreaUnderRocCurve.Should().BeApproximately(0.5, 1e-12);

        // [.8 pos, .4 neg, .35 pos, .1 neg]: 1/2 (1 + 1)/2 + 1/2 (1/2 + 2/3)/2 = 19/24 (average precision 5/6); AUC 0.75.
        var n = BinaryMetrics.Compute([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
        n.AreaUnderPrecisionRecallCurve.Should().BeApproximately(19.0 / 24, 1e-12);
        n.AreaUnderRocCurve.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void PrecisionRecallAreaPastMlNetsReservoirIsTheSameOnEveryEvaluation()
    {
        // Past 100 000 samples ML.NET estimates the area from a random reservoir: a fixed seed per evaluation
        // keeps stages, builds and the step cache consistent (an MLContext reused or seeded by time would not).
        var random = new Random(7);
        var scores = Enumerable.Range(0, 120_000).Select(_ => random.NextDouble()).ToArray();
        var labels = scores.Select(p => random.NextDouble() < p ? 1L : 0L).ToArray();

        var first = BinaryMetrics.Compute(scores, labels);
        var second = BinaryMetrics.Compute(scores, labels);

        second.AreaUnderPrecisionRecallCurve.Should().Be(first.AreaUnderPrecisionRecallCurve);
        first.AreaUnderPrecisionRecallCurve.Should().BeApproximately(LowerTrapezoidPrArea(scores, labels), 0.01, "a 100 000-sample estimate of the whole set's area");
    }

    [Fact]
    public void BinaryLogLossIsMlNetsMeanNegativeLog2LikelihoodUnclipped()
    {
        // ML.NET: bits, not nats, and no clipping (scikit-learn would clip 0.0 to 1e-15 and use ln).
        var m = BinaryMetrics.Compute([0.9, 0.2, 0.3], [1, 0, 1]);
        m.LogLoss.Should().BeApproximately(-(Math.Log2(0.9f) + Math.Log2(1 - (double)0.2f) + Math.Log2(0.3f)) / 3, 1e-12);

        BinaryMetrics.Compute([0.9, 0.2, 0.0], [1, 0, 1]).LogLoss.Should().Be(double.PositiveInfinity, "a wrong probability of exactly 0");

        // A probability below 1 that float32 would round to 1 is kept below 1: a wrong one costs 24 bits, not infinity.
        var nearlyOne = BinaryMetrics.Compute([1 - 1e-10, 0.2], [0, 1]);
        nearlyOne.LogLoss.Should().BeApproximately((24 - Math.Log2(0.2f)) / 2, 1e-9);
    }

    [Fact]
    public void BinaryThresholdIsEdgeSdksAtOrAboveRuleNotMlNetsScoreAboveZero()
    {
        // Probabilities are all positive scores, which ML.NET alone would call positive; the threshold decides here.
        var m = BinaryMetrics.Compute([0.1, 0.5, 0.7, 0.2, 0.6], [0, 1, 1, 1, 0], threshold: 0.5);
        var counted = BinaryMetrics.FromCounts(tp: 2, fp: 1, tn: 1, fn: 1);
        m.Accuracy.Should().BeApproximately(0.6, 1e-12);
        (m.Accuracy, m.F1Score, m.PositivePrecision, m.PositiveRecall, m.NegativePrecision, m.NegativeRecall).Should().Be(counted);
        m.PositivePrecision.Should().BeApproximately(2.0 / 3, 1e-12);
        m.NegativeRecall.Should().BeApproximately(0.5, 1e-12);
        BinaryMetrics.Compute([0.1, 0.5, 0.7, 0.2, 0.6], [0, 1, 1, 1, 0], threshold: 0.15).Accuracy.Should().BeApproximately(0.8, 1e-12);
    }

    [Fact]
    public void ASetOfOneClassKeepsTheThresholdedMetricsAndLeavesTheAreasUndefined()
    {
        // ML.NET refuses such a set (AUC undefined); the counts' metrics use ML.NET's formulas (checked above).
        var m = BinaryMetrics.Compute([0.1, 0.6, 0.3], [0, 0, 0]);
        m.AreaUnderRocCurve.Should().Be(double.NaN);
        m.AreaUnderPrecisionRecallCurve.Should().Be(double.NaN);
        m.Accuracy.Should().BeApproximately(2.0 / 3, 1e-12);
        m.PositivePrecision.Should().Be(0);
        m.NegativeRecall.Should().BeApproximately(2.0 / 3, 1e-12);
        m.LogLoss.Should().BeApproximately(-(Math.Log2(1 - (double)0.1f) + Math.Log2(1 - (double)0.6f) + Math.Log2(1 - (double)0.3f)) / 3, 1e-12);
    }

    [Fact]
    public void TopKAccuracyRanksTiedClassesByIndex()
    {
        // Row [.4, .4, .2]: ML.NET ranks class 0 above class 1, so top-1 holds label 0, not label 1
        // (EdgeSdk's own code used to count ties in the label's favour).
        float[] scores = [0.4f, 0.4f, 0.2f, 0.4f, 0.4f, 0.2f, 0.1f, 0.2f, 0.7f];
        var m = MulticlassMetrics.Compute(scores, [1, 0, 2], classes: 3, topK: 1);
        m.TopKAccuracy.Should().BeApproximately(2.0 / 3, 1e-12);
        m.MicroAccuracy.Should().BeApproximately(2.0 / 3, 1e-12);
        MulticlassMetrics.Compute(scores, [1, 0, 2], classes: 3, topK: 2).TopKAccuracy.Should().Be(1);
    }

    [Fact]
    public void LogLossReductionIsAFractionOfTheLabelPriorsLogLoss()
    {
        // Labels 1, 0, 2: the prior predicts 1/3 each, log loss ln 3. LogLoss = mean -ln p(label).
        float[] scores = [0.4f, 0.4f, 0.2f, 0.4f, 0.4f, 0.2f, 0.1f, 0.2f, 0.7f];
        var m = MulticlassMetrics.Compute(scores, [1, 0, 2], classes: 3);
        var logLoss = -(Math.Log(0.4f) + Math.Log(0.4f) + Math.Log(0.7f)) / 3;
        m.LogLoss.Should().BeApproximately(logLoss, 1e-9);
        m.LogLossReduction.Should().BeApproximately((Math.Log(3) - logLoss) / Math.Log(3), 1e-9);

        // One class only: the prior's loss is 0 (ML.NET: +infinity); EdgeSdk reports 0.
        MulticlassMetrics.Compute([0.9f, 0.1f, 0.2f, 0.8f], [0, 0], classes: 2).LogLossReduction.Should().Be(0);
    }

    [Fact]
    public void MacroAccuracyAveragesRecallOverTheClassesPresent()
    {
        // Class 2 never occurs: recall of class 0 is 1, of class 1 is 1/2; the mean over present classes is 3/4.
        var m = MulticlassMetrics.Compute([1f, 0f, 0f, 0f, 1f, 0f, 0.5f, 0.3f, 0.2f], [1, 1, 0], classes: 3);
        m.MacroAccuracy.Should().BeApproximately(0.75, 1e-12);
        m.PerClassRecall.Should().Equal(1, 0.5, 0);
        m.PerClassPrecision.Should().Equal(0.5, 1, 0);
        m.PerClassF1.Should().Equal(2 * 0.5 / 1.5, 2 * 0.5 / 1.5, 0);
    }

    [Fact]
    public void RSquaredOfConstantLabelsIsOneForAPerfectFitElseZero()
    {
        RegressionMetrics.Compute([3, 3], [3, 3]).RSquared.Should().Be(1);
        RegressionMetrics.Compute([2.5, 3], [3, 3]).RSquared.Should().Be(0);
        RegressionMetrics.Compute([2.5, 3], [3, 3]).MeanAbsoluteError.Should().Be(0.25);
    }

    [Fact]
    public void LogLossRaisesAConfidentWrongPredictionTo1e15WithoutRenormalizing()
    {
        // p(label) = 0 exactly: ML.NET raises it to (float)1e-15 and does not renormalize the row (scikit-learn 1.2
        // does; the difference is ~1e-15 relative), so the loss is -ln(1e-15f) / 2 for one wrong and one right sample.
        var m = MulticlassMetrics.Compute([1f, 0f, 0f, 1f], [1, 1], classes: 2, topK: 1);
        m.LogLoss.Should().BeApproximately(-Math.Log(1e-15f) / 2, 1e-12);
        m.MicroAccuracy.Should().Be(0.5);
    }

    [Fact]
    public void FidelityOfIdenticalOutputsIsPerfect()
    {
        var logits = NpyLogits("digits_cnn");
        var f = FidelityMetrics.Compute(logits, logits, 10);
        f.Top1Agreement.Should().Be(1);
        f.MaxAbsoluteDifference.Should().Be(0);
        f.SqnrDb.Should().Be(FidelityMetrics.IdenticalSqnrDb);
    }

    [Fact]
    public void FidelityMeasuresAKnownPerturbation()
    {
        // Reference [3, 4 | 1, 0], output [3, 4.5 | 0, 1]: errors 0, .5, 1, 1; SQNR = 10 log10(26 / 2.25).
        var f = FidelityMetrics.Compute([3f, 4.5f, 0f, 1f], [3f, 4f, 1f, 0f], 2);
        f.Top1Agreement.Should().Be(0.5);
        f.MeanAbsoluteDifference.Should().BeApproximately(2.5 / 4, 1e-12);
        f.MaxAbsoluteDifference.Should().Be(1);
        f.SqnrDb.Should().BeApproximately(10 * Math.Log10(26 / 2.25), 1e-9);
    }

    // ML.NET's estimator, written out independently: samples by falling score (ties in data order), each
    // positive adds (recall gained) x (precision before it + precision after it) / 2.
    private static double LowerTrapezoidPrArea(double[] scores, long[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => (float)scores[i]).ToArray();
        double positives = labels.Count(l => l == 1), area = 0, before = 1, recall = 0;
        int tp = 0, fp = 0;
        foreach (var i in order)
        {
            if (labels[i] == 1)
            {
                tp++;
                var precision = (double)tp / (tp + fp);
                area += ((tp / positives) - recall) * (before + precision) / 2;
                recall = tp / positives;
                before = precision;
            }
            else
            {
                fp++;
                before = (double)tp / (tp + fp);
            }
        }

        return area;
    }

    private static float[] NpyLogits(string name) => EdgeSdk.Data.NpyFile.Read(TestPaths.Logits(name)).AsFloat();
}
