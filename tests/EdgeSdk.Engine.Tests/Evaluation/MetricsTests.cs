// Every metric checked against scikit-learn's values on the fixtures' real predictions.
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
        m.AreaUnderPrecisionRecallCurve.Should().BeApproximately(ReferenceMetrics.Value(Name, "AreaUnderPrecisionRecallCurve_average_precision"), Tolerance);
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
        m.RSquared.Should().BeApproximately(ReferenceMetrics.Value(Name, "RSquared"), 1e-12);
    }

    [Fact]
    public void AveragePrecisionCountsTiedScoresAsOneThresholdWithoutInterpolation()
    {
        // scikit-learn: average_precision_score([0, 1, 1, 0], [0.1, 0.4, 0.4, 0.8]) = 2/3 (the tie enters at once: recall 0 -> 1 at precision 2/3);
        // roc_auc_score = 0.5.
        var m = BinaryMetrics.Compute([0.1, 0.4, 0.4, 0.8], [0, 1, 1, 0]);
        m.AreaUnderPrecisionRecallCurve.Should().BeApproximately(2.0 / 3, 1e-12);
        m.AreaUnderRocCurve.Should().BeApproximately(0.5, 1e-12);

        // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.8333…; roc_auc_score = 0.75.
        var n = BinaryMetrics.Compute([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
        n.AreaUnderPrecisionRecallCurve.Should().BeApproximately(5.0 / 6, 1e-12);
        n.AreaUnderRocCurve.Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void BinaryLogLossIsTheMeanNegativeLogLikelihood()
    {
        // scikit-learn: log_loss([1, 0, 1], [0.9, 0.2, 0.0]) clips 0.0 to 1e-15.
        var m = BinaryMetrics.Compute([0.9, 0.2, 0.0], [1, 0, 1]);
        m.LogLoss.Should().BeApproximately(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(1e-15)) / 3, 1e-12);
    }

    [Fact]
    public void LogLossClipsAConfidentWrongPredictionAt1e15()
    {
        // p(label) = 0 exactly: scikit-learn 1.2 clips to 1e-15 (then renormalizes), so the loss is -ln(1e-15) = 34.54.
        var m = MulticlassMetrics.Compute([1f, 0f, 0f, 1f], [1, 1], classes: 2, topK: 1);
        m.LogLoss.Should().BeApproximately((-Math.Log(1e-15 / (1 + 1e-15)) + -Math.Log((1 - 1e-15) / (1 - 1e-15 + 1e-15))) / 2, 1e-9);
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

    private static float[] NpyLogits(string name) => EdgeSdk.Data.NpyFile.Read(TestPaths.Logits(name)).AsFloat();
}
