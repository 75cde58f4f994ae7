// The evaluator on real fixture models through ONNX Runtime: accuracy against PyTorch's, outputs against
// the exported logits, MACs and parameters against hand-computed values, and fidelity of a refactored model.
using System.Text.Json;
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Evaluation;

public class OrtModelEvaluatorTests(OrtEvaluationFixture fixture) : IClassFixture<OrtEvaluationFixture>
{
    private static readonly JsonElement PyTorchAccuracy = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "models", "accuracy.json"))).RootElement;

    [Theory]
    [InlineData("digits_mlp", "digits")]
    [InlineData("digits_cnn", "digits")]
    [InlineData("digits_transformer", "digits")]
    public void AccuracyAndOutputsMatchPyTorch(string model, string set)
    {
        var result = fixture.Get(model, set);

        result.Metrics["accuracy"].Should().BeApproximately(PyTorchAccuracy.GetProperty(model).GetDouble(), 1e-6);
        result.Metrics["LogLoss"].Should().BeApproximately(ReferenceMetrics.Value(model, "LogLoss"), 1e-4, "ORT's logits differ from PyTorch's by ~1e-5");
        var logits = NpyFile.Read(TestPaths.Logits(model)).AsFloat();
        result.OutputShape.Should().Equal(400, 10);
        result.Outputs.Zip(logits, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f);
    }

    [Fact]
    public void BinaryTaskOnTheBreastCancerMlpMatchesPyTorchAccuracy()
    {
        var result = fixture.Get("breast_cancer_mlp", "breast_cancer", EvaluationTask.Binary);
        result.Metrics["accuracy"].Should().BeApproximately(PyTorchAccuracy.GetProperty("breast_cancer_mlp").GetDouble(), 1e-6);
        result.Metrics["AreaUnderRocCurve"].Should().BeInRange(0.95, 1.0);
        result.Binary!.Accuracy.Should().Be(result.Metrics["accuracy"]);
    }

    [Fact]
    public void MlpStaticFiguresAreHandComputed()
    {
        var s = fixture.Get("digits_mlp", "digits").Static;

        // Gemm 64x256 + 256x128 + 128x10 at batch 1.
        s.Macs.Should().Be((64 * 256) + (256 * 128) + (128 * 10));
        s.Parameters.Should().Be((64 * 256) + 256 + (256 * 128) + 128 + (128 * 10) + 10);
        s.WeightBytes.Should().Be(4 * s.Parameters);
        s.NodesWithUnknownShapes.Should().Be(0);

        // Live at the first Relu: its input (256 floats) and output (256 floats); nothing larger is ever live.
        s.PeakActivationBytes.Should().Be(2 * 256 * 4);
        s.ModelBytes.Should().Be(ModelFile.ToBytes(ModelFile.Load(TestPaths.Model("digits_mlp"))).Length, "the size is of the model as EdgeSdk writes it");
        s.DeflateBytes.Should().BeLessThan(s.ModelBytes);
    }

    [Fact]
    public void CnnMacsAreHandComputed()
    {
        var s = fixture.Get("digits_cnn", "digits").Static;

        // c1 32x8x8 outputs x 1x3x3; c2 64x8x8 x 32x3x3; (MaxPool to 4x4) c3 128x4x4 x 64x3x3; fc 10 x 128.
        long c1 = 32 * 8 * 8 * 9, c2 = 64 * 8 * 8 * 32 * 9, c3 = 128 * 4 * 4 * 64 * 9, fc = 10 * 128;
        s.Macs.Should().Be(c1 + c2 + c3 + fc);
        s.Nodes.Where(n => n.OpType == "Conv").Select(n => n.Macs).Should().Equal(c1, c2, c3);
        s.Nodes.Single(n => n.OpType == "MaxPool").OutputShape.Should().Equal(1, 64, 4, 4);
    }

    [Fact]
    public void FoldedCnnIsFaithfulToTheOriginal()
    {
        var result = fixture.Get("digits_cnn_folded", "digits", reference: "digits_cnn");

        result.Fidelity!.Top1Agreement.Should().Be(1);
        result.Fidelity.MaxAbsoluteDifference.Should().BeLessThan(1e-3);
        result.Metrics["Sqnr"].Should().BeGreaterThan(60, "folding BatchNormalization changes only rounding");
    }

    [Fact]
    public void LatencyAndMachineAreRecorded()
    {
        var result = fixture.Get("digits_cnn", "digits");

        result.Latency!.Runs.Should().Be(20);
        result.Latency.Warmup.Should().Be(2);
        result.Latency.P50Ms.Should().BeGreaterThan(0);
        result.Latency.P50Ms.Should().BeLessOrEqualTo(result.Latency.P90Ms);
        result.Latency.P90Ms.Should().BeLessOrEqualTo(result.Latency.P99Ms);
        result.Latency.SamplesMs.Should().HaveCount(20);
        result.Machine.LogicalCores.Should().Be(Environment.ProcessorCount);
        result.Machine.CpuModel.Should().NotBe("unknown CPU");
    }

    [Fact]
    public void TargetEstimateIsARooflineOnTheProfile()
    {
        var result = fixture.Get("digits_cnn", "digits");
        var estimate = result.Estimate!;

        estimate.Target.Should().Be("test-a53");
        var c2 = estimate.Nodes.Single(n => n.Name == "/c2/Conv");
        c2.ComputeMs.Should().BeApproximately(2.0 * 64 * 8 * 8 * 32 * 9 / 10e9 * 1e3, 1e-9);
        c2.Bound.Should().Be(RooflineBound.Compute);
        estimate.LatencyMs.Should().BeApproximately(estimate.Nodes.Sum(n => n.Ms), 1e-12);
        estimate.FitsRam.Should().BeTrue();
        estimate.PeakMemoryBytes.Should().Be(result.Static.PeakMemoryBytes);
    }

    [Fact]
    public void ProbingRunAgreesWithShapeInference()
    {
        var model = ModelGraph.Load(TestPaths.Model("digits_transformer"));
        var feeds = new Dictionary<string, EdgeSdk.Tensors.Tensor> { ["input"] = OrtEvaluationFixture.TestSet("digits").Take(3).Inputs["input"] };
        var probed = RuntimeShapeProbe.Probe(model, m => OrtModelRunner.Create(m, 1), feeds);
        var inferred = EdgeSdk.Onnx.Shapes.ShapeInference.Infer(model, feeds.ToDictionary(f => f.Key, f => f.Value.Shape));

        var compared = 0;
        foreach (var (name, shape) in probed)
        {
            if (inferred.TypeOf(name).KnownDims() is { } dims)
            {
                shape.Dims.Should().Equal(dims, $"value '{name}'");
                compared++;
            }
        }

        compared.Should().BeGreaterThan(model.Graph.Node.Count / 2);
    }
}
