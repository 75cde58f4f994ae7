// The evaluator's flow without native code: a pass-through runner turns fixture logits into "model
// outputs", so the metrics must equal scikit-learn's and fidelity, latency protocol and errors are checked.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Evaluation;

public class ModelEvaluatorFlowTests
{
    private static readonly ModelGraph PassThrough = new OnnxModelBuilder(opset: 13).Input("x", "batch,10").Output("y", "batch,10").Add("Identity", ["x"], ["y"]).ToGraph();

    private static InMemoryDataSet Logits(string name) => new(
        "evaluation",
        new Dictionary<string, Tensor> { ["x"] = NpyFile.Read(TestPaths.Logits(name)) },
        NpyFile.Read(TestPaths.Data("digits", "test_y.npy")));

    [Fact]
    public void MetricsOfTheOutputsEqualScikitLearnsAndBatchingDoesNotMatter()
    {
        var evaluator = new ModelEvaluator((m, _) => new FakeRunner(m));
        var settings = new EvaluationSettings { Metrics = ["accuracy", "LogLoss"], MetricBatch = 7, Warmup = 2, Runs = 5, Batch = 4, Threads = 3 };

        var result = evaluator.Evaluate(PassThrough, Logits("digits_mlp"), settings, null, CancellationToken.None);

        result.Metrics["accuracy"].Should().BeApproximately(ReferenceMetrics.Value("digits_mlp", "MicroAccuracy"), 1e-12);
        result.Metrics["LogLoss"].Should().BeApproximately(ReferenceMetrics.Value("digits_mlp", "LogLoss"), 1e-6);
        result.Multiclass!.ConfusionMatrix.Should().BeEquivalentTo(ReferenceMetrics.Matrix("digits_mlp", "confusion_matrix_rows_true_cols_pred"));
        result.OutputShape.Should().Equal(400, 10);
        result.Outputs.Should().Equal(NpyFile.Read(TestPaths.Logits("digits_mlp")).AsFloat());
        result.Latency!.Runs.Should().Be(5);
        result.Latency.Batch.Should().Be(4);
        result.Latency.Threads.Should().Be(3);
        result.Static.Batch.Should().Be(4);
        result.Static.Nodes.Single().OutputShape.Should().Equal(4, 10);
    }

    [Fact]
    public void FidelityComparesWithTheReferenceModelsOutputs()
    {
        // The "reference" negates the logits: top-1 never agrees unless a row is constant.
        var evaluator = new ModelEvaluator((m, _) => m.Graph.Node[0].OpType == "Neg" ? new FakeRunner(m, Negate) : new FakeRunner(m));
        var reference = new OnnxModelBuilder(opset: 13).Input("x", "batch,10").Output("y", "batch,10").Add("Neg", ["x"], ["y"]).ToGraph();
        var settings = new EvaluationSettings { Metrics = ["Top1Agreement"], Reference = reference, MeasureLatency = false };

        var result = evaluator.Evaluate(PassThrough, Logits("digits_cnn"), settings, null, CancellationToken.None);

        result.Metrics["Top1Agreement"].Should().Be(0);
        var logits = NpyFile.Read(TestPaths.Logits("digits_cnn")).AsFloat();
        result.Metrics["MaxAbsoluteDifference"].Should().BeApproximately(logits.Max(v => 2 * Math.Abs(v)), 1e-4);
        result.Metrics["Sqnr"].Should().BeApproximately(10 * Math.Log10(1 / 4.0), 1e-6, "the error is twice the signal");
        result.Latency.Should().BeNull();
    }

    [Fact]
    public void UnknownMetricIsAnEdge5101ErrorListingTheKnownOnes()
    {
        var evaluator = new ModelEvaluator((m, _) => new FakeRunner(m));
        var act = () => evaluator.Evaluate(PassThrough, Logits("digits_cnn"), new EvaluationSettings { Metrics = ["AUC"] }, null, CancellationToken.None);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5101" && d.Message.Contains("MicroAccuracy"));
    }

    [Fact]
    public void AccuracyWithoutLabelsIsAnEdge5104Error()
    {
        var data = new InMemoryDataSet("evaluation", new Dictionary<string, Tensor> { ["x"] = NpyFile.Read(TestPaths.Logits("digits_cnn")) }, null);
        var evaluator = new ModelEvaluator((m, _) => new FakeRunner(m));
        var act = () => evaluator.Evaluate(PassThrough, data, new EvaluationSettings(), null, CancellationToken.None);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE5104");
    }

    [Fact]
    public void ABinaryTaskOnTenColumnsIsAnEdge5102Error()
    {
        var evaluator = new ModelEvaluator((m, _) => new FakeRunner(m));
        var act = () => evaluator.Evaluate(PassThrough, Logits("digits_cnn"), new EvaluationSettings { Task = EvaluationTask.Binary, MeasureLatency = false }, null, CancellationToken.None);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE5102");
    }

    [Fact]
    public void ZeroRunsIsAnEdge5105Error()
    {
        var evaluator = new ModelEvaluator((m, _) => new FakeRunner(m));
        var act = () => evaluator.Evaluate(PassThrough, null, new EvaluationSettings { Metrics = [], Runs = 0 }, null, CancellationToken.None);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5105" && d.Message.Contains("'runs' is 0"));
    }

    private static Tensor Negate(Tensor t) => Tensor.FromFloat(t.AsFloat().Select(v => -v).ToArray(), t.Shape);
}
