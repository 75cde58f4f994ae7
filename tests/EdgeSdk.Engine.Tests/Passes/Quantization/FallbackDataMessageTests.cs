// EDGE2108 says what the accuracy fallback really lacks for the metric the budgets name: a labelled metric
// (accuracy) needs an evaluation set with inputs and labels; a fidelity metric (Top1Agreement) needs only
// the inputs, since it compares with the pipeline's input model, so its message never asks for labels; an
// unlabeled set with a labelled metric asks for labels (or a fidelity metric), and the same unlabeled set
// with a fidelity metric runs.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Passes;

namespace EdgeSdk.Engine.Tests.Quantization;

public sealed class FallbackDataMessageTests
{
    [Fact]
    public void ALabelledMetricWithoutEvaluationDataAsksForInputsAndLabels()
    {
        var error = Quantize("accuracy", evaluation: null);

        error.Code.Should().Be(DiagnosticCatalog.Quantization.EvaluationDataMissing.Code);
        error.Message.Should().Contain("measures accuracy on data.evaluation").And.Contain("inputs and labels (labels for accuracy)").And.Contain("Top1Agreement").And.Contain("fallback: false");
    }

    [Fact]
    public void AFidelityMetricWithoutEvaluationDataAsksForInputsOnly()
    {
        var error = Quantize("Top1Agreement", evaluation: null);

        error.Code.Should().Be(DiagnosticCatalog.Quantization.EvaluationDataMissing.Code);
        error.Message.Should().Contain("measures Top1Agreement on data.evaluation").And.Contain("inputs only (no labels needed: Top1Agreement compares each stage with the pipeline's input model)");
        error.Message.Should().NotContain("inputs and labels").And.NotContain("budget a fidelity metric", "the budget already names one");
    }

    [Fact]
    public void UnlabeledDataWithALabelledMetricAsksForLabelsButRunsForAFidelityMetric()
    {
        var test = PassHarness.Set("digits", "test");
        var unlabeled = new InMemoryDataSet("test", test.Inputs, null);

        var error = Quantize("accuracy", unlabeled);
        error.Code.Should().Be(DiagnosticCatalog.Quantization.EvaluationDataMissing.Code);
        error.Message.Should().Contain("measures accuracy against labels, and data.evaluation has none").And.Contain("add labels to data.evaluation").And.Contain("need only the inputs");

        Run("Top1Agreement", unlabeled).Figures.Should().ContainKey("fallback_final_accuracy", "a fidelity metric needs no labels");
    }

    [Fact]
    public void TheCatalogTextSaysOnlyLabelledMetricsNeedLabels()
    {
        var text = DiagnosticCatalog.Quantization.EvaluationDataMissing.Meaning;
        text.Should().Contain("only metrics that compare with labels").And.Contain("Top1Agreement").And.Contain("need no labels");
        text.Should().NotContain("an evaluation set with labels");
        File.ReadAllText(Path.Combine(EdgeSdk.Tests.TestPaths.RepoRoot, "docs", "diagnostics.md")).Should().Contain(text, "docs/diagnostics.md lists the same text");
    }

    private static EdgeDiagnostic Quantize(string metric, InMemoryDataSet? evaluation)
    {
        var act = () => Run(metric, evaluation);
        return act.Should().Throw<EdgeException>().Which.Diagnostics.Single();
    }

    private static PassResult Run(string metric, InMemoryDataSet? evaluation)
    {
        var fused = QuantizationTestKit.Fused("digits_mlp");
        var options = QuantizationTestKit.Parameters(("fallback", true), ("calibration_samples", 32L), ("sqnr_samples", 0L), ("fallback_subset", 64L));
        var goal = metric == "accuracy" ? new AccuracyGoal(metric, 0.05, false, null) : new AccuracyGoal(metric, null, false, 0.5);
        var context = PassHarness.Context(
            fused.Clone(), fused, options, new DataSets(PassHarness.Set("digits", "train"), null, evaluation), [goal],
            metrics: new EvaluationSettings { Task = EvaluationTask.Multiclass, Metrics = [metric], MeasureLatency = false });
        return PassCatalog.Find("quantize")!.Run(context);
    }
}
