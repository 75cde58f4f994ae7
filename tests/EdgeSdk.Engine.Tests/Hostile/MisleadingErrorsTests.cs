// Errors that say what is really wrong (issue 17, point 4), through the pipeline as a build runs it: a
// dangling input is reported as a dangling input (not as ONNX Runtime's "Graph output does not exist"),
// NaN weights are a warning naming the initializer, and prune with sparse storage followed by finetune
// works (it used to fail with a false EDGE4001 about a missing initializer).
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Hostile;

public sealed class MisleadingErrorsTests
{
    [Fact]
    public void ADanglingInputIsReportedAsSuchBeforeAnyPassOrRuntimeSeesIt()
    {
        var model = ModelFile.Load(TestPaths.Model("digits_mlp"));
        var node = model.Graph.Node.First(n => n.OpType is "Gemm" or "MatMul");
        node.Input[1] = "weight_that_is_not_there";

        var act = () => PipelineKit.Run(model, "  - fuse");

        var error = act.Should().Throw<EdgeException>().Which.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE4012");
        error.Message.Should().Contain("weight_that_is_not_there");
    }

    [Fact]
    public void NanInAWeightIsAWarningNamingTheInitializer()
    {
        var model = ModelFile.Load(TestPaths.Model("digits_mlp"));
        var weight = model.Graph.Initializer.First(t => t.Dims.Count == 2);
        var values = TensorProtoConverter.ToFloatArray(weight);
        values[3] = float.NaN;
        values[5] = float.PositiveInfinity;
        model.Graph.Initializer[model.Graph.Initializer.IndexOf(weight)] = TensorProtoConverter.FromFloat(weight.Name, values, [.. weight.Dims]);
        var reported = new List<EdgeDiagnostic>();

        PipelineKit.Run(model, "  - fuse", report: reported.Add);

        var warning = reported.Should().ContainSingle(d => d.Code == "EDGE4024").Subject;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain($"'{weight.Name}'").And.Contain("2 non-finite value(s)").And.Contain("flat index 3");
    }

    [Fact]
    public void PruneWithSparseStorageThenFinetuneTrains()
    {
        var training = $"  training: {{inputs: {TestPaths.Data("digits", "train_x.npy")}, labels: {TestPaths.Data("digits", "train_y.npy")}}}";

        var result = PipelineKit.Run(ModelFile.Load(TestPaths.Model("digits_mlp")), "  - prune: {pattern: unstructured, sparsity: 0.6, storage: sparse}\n  - finetune: {epochs: 1}", extraData: training);

        result.StepsRun.Should().Equal(1, 2);
        result.Finish.Diagnostics.Should().NotContain(d => d.Severity == DiagnosticSeverity.Error);
        var pruned = ModelFile.Load(Path.Combine(Path.GetDirectoryName(result.OutputDirectory)!, "..", "cache", "model", "01-prune.onnx"));
        pruned.Graph.SparseInitializer.Should().NotBeEmpty("prune stored its weights sparse, which finetune reads densified");
        var manifest = result.Finish.Manifest;
        manifest.Final.Metrics["accuracy"].Should().BeGreaterThan(0.8);
    }
}
