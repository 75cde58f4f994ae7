// The distill pass on the fixtures: the untrained 64-32-10 student distilled from digits_cnn (teacher run
// by ONNX Runtime) beats the same student trained on labels alone with the same epochs and schedule,
// averaged over 3 seeds; the result is a valid ONNX model ONNX Runtime runs.
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Training;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;
using Xunit.Abstractions;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class DistillPassTests(ITestOutputHelper output)
{
    private const int Epochs = 30;

    [Fact]
    public void Distilled_student_beats_label_only_student_over_three_seeds()
    {
        var teacher = ModelGraph.Load(TestPaths.Model("digits_cnn"));
        var distilled = new List<double>();
        var labelsOnly = new List<double>();
        foreach (var seed in new long[] { 0, 1, 2 })
        {
            distilled.Add(Train(teacher, seed, alpha: 0.1));
            labelsOnly.Add(Train(teacher, seed, alpha: 1.0));
        }

        output.WriteLine($"distilled {string.Join(", ", distilled)} mean {distilled.Average():P2}; labels only {string.Join(", ", labelsOnly)} mean {labelsOnly.Average():P2}; reference 96.75%");
        distilled.Average().Should().BeGreaterThan(labelsOnly.Average());
        distilled.Average().Should().BeGreaterThan(0.9675, "the distilled student must also beat the PyTorch label-only reference");
    }

    [Fact]
    public void Student_from_file_is_trained_and_runs_in_onnx_runtime()
    {
        var current = ModelGraph.Load(TestPaths.Model("digits_cnn"));
        var result = PassHarness.Run(new DistillPass(), current, current.Clone(), new() { ["student"] = "digits_student_mlp_untrained.onnx", ["epochs"] = 10L });

        result.Model.Graph.Node.Should().Contain(n => n.OpType == "Gemm").And.NotContain(n => n.OpType == "Conv");
        result.Figures["accuracy_after"].Should().BeGreaterThan(0.9);
        using var session = InferenceSession.FromModel(result.Model.Model);
        var x = NpyFile(100);
        var logits = session.Run(new Dictionary<string, Tensor> { ["input"] = x })["logits"].AsFloat();
        var ours = new EdgeSdk.Training.Graph.TrainingGraph(result.Model).Infer(x);
        logits.Zip(ours, (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f);
    }

    [Fact]
    public void Missing_teacher_file_is_a_located_error()
    {
        var current = ModelGraph.Load(TestPaths.Model("digits_student_mlp_untrained"));
        var act = () => PassHarness.Run(new DistillPass(), current, current.Clone(), new() { ["teacher"] = "no_such_teacher.onnx" });

        act.Should().Throw<EdgeSdk.Diagnostics.EdgeException>().Where(e => e.Diagnostics[0].Code == "EDGE2705" && e.Message.Contains("no_such_teacher.onnx"));
    }

    private static Tensor NpyFile(int rows) => EdgeSdk.Data.NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, rows);

    private static double Train(ModelGraph teacher, long seed, double alpha)
    {
        var student = ModelGraph.Load(TestPaths.Model("digits_student_mlp_untrained"));
        var result = PassHarness.Run(new DistillPass(), student, teacher, new() { ["epochs"] = (long)Epochs, ["seed"] = seed, ["alpha"] = alpha });
        return result.Figures["accuracy_after"];
    }
}
