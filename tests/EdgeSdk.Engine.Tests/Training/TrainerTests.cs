// The training loop: bit-identical resume after cancellation, seed reproducibility, learning, write-back
// into ONNX initializers that ONNX Runtime runs with matching outputs, and the schedules.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class TrainerTests
{
    private static readonly TrainingData Train = Load("train");
    private static readonly TrainingData Test = Load("test");

    private static TrainingOptions Options(int seed = 3) => new()
    {
        Epochs = 2,
        BatchSize = 64,
        LearningRate = 5e-3f,
        Schedule = "cosine",
        WarmupEpochs = 0.5,
        Seed = seed,
        CheckpointEvery = 5,
    };

    [Fact]
    public void Resumed_run_after_cancellation_ends_with_bit_identical_weights()
    {
        var dir = TestPaths.NewTempDir("train-resume");
        var uninterrupted = TrainStudent(Options(), null);

        var ckpt = Path.Combine(dir, "training.ckpt");
        using var cts = new CancellationTokenSource();
        var graph = StudentGraph();
        var first = new Trainer(graph, Options()) { OnStep = s => { if (s == 7) { cts.Cancel(); } } };
        var act = () => first.Run(Train, Test, ckpt, cts.Token);
        act.Should().Throw<OperationCanceledException>();
        File.Exists(ckpt).Should().BeTrue("a cancelled run leaves a checkpoint");

        var resumedGraph = StudentGraph();
        var report = new Trainer(resumedGraph, Options()).Run(Train, Test, ckpt, CancellationToken.None);

        report.ResumedAtStep.Should().Be(7);
        report.Steps.Should().Be(2 * 22);
        foreach (var p in resumedGraph.Parameters)
        {
            p.Data.Should().Equal(uninterrupted.Parameter(p.Name).Data, $"parameter {p.Name} after resume");
        }

        File.Exists(ckpt).Should().BeFalse("a finished run removes its checkpoint");
    }

    [Fact]
    public void Same_seed_gives_identical_weights_and_another_seed_differs()
    {
        var a = TrainStudent(Options(seed: 5) with { Epochs = 1 }, null);
        var b = TrainStudent(Options(seed: 5) with { Epochs = 1 }, null);
        var c = TrainStudent(Options(seed: 6) with { Epochs = 1 }, null);

        a.Parameters[0].Data.Should().Equal(b.Parameters[0].Data);
        a.Parameters[0].Data.Should().NotEqual(c.Parameters[0].Data);
    }

    [Fact]
    public void Trained_weights_written_back_run_in_onnx_runtime_with_matching_outputs_and_learned()
    {
        var graph = StudentGraph();
        var before = Trainer.Accuracy(graph, Test);
        var report = new Trainer(graph, Options() with { Epochs = 8, Optimizer = "sgd", LearningRate = 0.1f, Schedule = "step", StepEpochs = 6 }).Run(Train, Test, null, CancellationToken.None);
        var model = ModelGraph.Load(TestPaths.Model("digits_student_mlp_untrained"));

        graph.WriteBack(model);

        report.LastMetric.Should().BeGreaterThan(0.9).And.BeGreaterThan(before + 0.5);
        using var session = InferenceSession.FromModel(model.Model);
        var x = Test.Slice(0, 100);
        var ort = session.Run(new Dictionary<string, Tensor> { ["input"] = x })["logits"].AsFloat();
        var ours = graph.Infer(x);
        ort.Zip(ours, (o, e) => Math.Abs(o - e)).Max().Should().BeLessThan(1e-4f);
    }

    [Fact]
    public void Schedules_follow_their_definitions()
    {
        var o = new TrainingOptions { LearningRate = 1f, Schedule = "cosine", WarmupEpochs = 1 };
        LearningRateSchedule.At(o, 0, 100, 10).Should().BeApproximately(0.1f, 1e-6f);
        LearningRateSchedule.At(o, 9, 100, 10).Should().BeApproximately(1f, 1e-6f);
        LearningRateSchedule.At(o, 10, 100, 10).Should().BeApproximately(1f, 1e-6f);
        LearningRateSchedule.At(o, 55, 100, 10).Should().BeApproximately(0.5f, 1e-6f);
        LearningRateSchedule.At(o with { WarmupEpochs = 0, Schedule = "step", StepEpochs = 2, Gamma = 0.5f }, 45, 100, 10).Should().BeApproximately(0.25f, 1e-6f);
        LearningRateSchedule.At(o with { WarmupEpochs = 0, Schedule = "constant" }, 77, 100, 10).Should().Be(1f);
    }

    [Fact]
    public void Early_stopping_stops_when_the_metric_stalls_and_keeps_the_best_weights()
    {
        var graph = StudentGraph();
        var report = new Trainer(graph, Options() with { Epochs = 30, LearningRate = 0.5f, Optimizer = "sgd", Schedule = "constant", Patience = 2 }).Run(Train, Test, null, CancellationToken.None);

        report.StoppedEarly.Should().BeTrue();
        report.EpochsRun.Should().BeLessThan(30);
        Trainer.Accuracy(graph, Test).Should().Be(report.BestMetric);
    }

    private static TrainingGraph StudentGraph() => new(ModelGraph.Load(TestPaths.Model("digits_student_mlp_untrained")));

    private static TrainingGraph TrainStudent(TrainingOptions options, string? checkpoint)
    {
        var graph = StudentGraph();
        new Trainer(graph, options).Run(Train, Test, checkpoint, CancellationToken.None);
        return graph;
    }

    private static TrainingData Load(string split)
    {
        var x = NpyFile.Read(TestPaths.Data("digits", split + "_x.npy"));
        var y = NpyFile.Read(TestPaths.Data("digits", split + "_y.npy")).AsInt64();
        return new TrainingData(x.AsFloat(), [1, 8, 8], y, (int)x.Shape[0]);
    }
}
