// The finetune pass: recovers accuracy after a crude magnitude pruning of digits_mlp, and an interrupted
// build (cancelled mid-run) resumes from the work directory's checkpoint to the same weights.
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Training;
using EdgeSdk.Tests;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class FinetunePassTests
{
    [Fact]
    public void Finetune_recovers_accuracy_after_pruning()
    {
        var pruned = Pruned();
        var result = PassHarness.Run(new FinetunePass(), pruned, ModelGraph.Load(TestPaths.Model("digits_mlp")), new() { ["epochs"] = 3L });

        result.Figures["accuracy_after"].Should().BeGreaterThan(result.Figures["accuracy_before"] + 0.05);
        result.Figures["accuracy_after"].Should().BeGreaterThan(0.93);
    }

    [Fact]
    public void Cancelled_pass_resumes_from_its_work_directory_to_identical_weights()
    {
        var parameters = new Dictionary<string, object?> { ["epochs"] = 2L, ["checkpoint_every"] = 4L, ["teacher"] = "baseline" };
        var baseline = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var straight = PassHarness.Run(new FinetunePass(), Pruned(), baseline, parameters);

        var work = TestPaths.NewTempDir("finetune-resume");
        using var cts = new CancellationTokenSource();
        var act = () => Run(parameters, baseline, work, cts);
        act.Should().Throw<OperationCanceledException>();
        var resumed = PassHarness.Run(new FinetunePass(), Pruned(), baseline, parameters, workDirectory: work);

        resumed.Summary.Should().Contain(s => s.StartsWith("resumed from a checkpoint", StringComparison.Ordinal));
        foreach (var init in straight.Model.Graph.Initializer)
        {
            resumed.Model.GetInitializer(init.Name)!.RawData.Should().Equal(init.RawData, $"initializer {init.Name}");
        }
    }

    private static PassResult Run(Dictionary<string, object?> parameters, ModelGraph baseline, string work, CancellationTokenSource cts)
    {
        var pass = new FinetunePass();
        return pass.Run(PassHarness.Context(Pruned(), baseline, PassHarness.Bind(pass, parameters, work), PassHarness.Fixture("digits"), workDirectory: work, recipeDirectory: work, cancellation: cts.Token, progress: new CancelAt(10, cts)));
    }

    private static ModelGraph Pruned()
    {
        var model = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        foreach (var name in new[] { "layers.0.weight", "layers.1.weight" })
        {
            var w = TensorProtoConverter.ToFloatArray(model.GetInitializer(name)!);
            var threshold = w.Select(Math.Abs).Order().ElementAt(w.Length * 95 / 100);
            var pruned = w.Select(v => Math.Abs(v) < threshold ? 0f : v).ToArray();
            model.SetInitializer(TensorProtoConverter.FromFloat(name, pruned, [.. model.GetInitializer(name)!.Dims]));
        }

        return model;
    }

    private sealed class CancelAt(long step, CancellationTokenSource cts) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            if (value.Step == "training" && value.Done == step)
            {
                cts.Cancel();
            }
        }
    }
}
