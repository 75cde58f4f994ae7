// The latency primitive must compute exactly what Run computes, every time it is repeated.
using EdgeSdk.Runtime;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class PreparedRunTests
{
    [Theory]
    [InlineData("digits_cnn", "digits")]
    [InlineData("digits_transformer", "digits")]
    public void Repeated_runs_give_the_same_outputs_as_Run(string model, string dataSet)
    {
        using var session = InferenceSession.FromFile(TestPaths.Model(model));
        var feed = FixtureModels.Feed(session, FixtureModels.TestX(dataSet).SliceRows(0, 8));
        var expected = session.Run(feed);
        using var prepared = session.Prepare(feed);

        var ticks = prepared.Measure(warmup: 2, iterations: 5);

        ticks.Should().HaveCount(5).And.OnlyContain(t => t > 0);
        prepared.RunCount.Should().Be(7);
        var outputs = prepared.ReadOutputs();
        outputs.Keys.Should().Equal(expected.Keys);
        foreach (var name in expected.Keys)
        {
            outputs[name].Shape.Should().Equal(expected[name].Shape);
            outputs[name].AsFloat().Should().Equal(expected[name].AsFloat());
        }
    }

    [Fact]
    public void Graph_inputs_that_are_outputs_and_sequence_outputs_can_be_repeated()
    {
        using var passThrough = InferenceSession.FromModel(TinyModels.PassThrough(EdgeSdk.Tensors.TensorElementType.Float));
        using var prepared = passThrough.Prepare(new Dictionary<string, EdgeSdk.Tensors.Tensor> { ["x"] = EdgeSdk.Tensors.Tensor.FromFloat([1f, 2f, 3f], 1, 3) });
        prepared.Measure(warmup: 1, iterations: 3);
        prepared.ReadOutputs()["x"].AsFloat().Should().Equal(1f, 2f, 3f);

        using var sequences = InferenceSession.FromModel(TinyModels.SequenceAndOptional());
        using var seqRun = sequences.Prepare(new Dictionary<string, EdgeSdk.Tensors.Tensor> { ["a"] = EdgeSdk.Tensors.Tensor.FromFloat([1f], 1), ["b"] = EdgeSdk.Tensors.Tensor.FromFloat([2f], 1) });
        seqRun.Measure(warmup: 1, iterations: 3).Should().HaveCount(3);
        seqRun.RunCount.Should().Be(4);
        var values = seqRun.ReadOutputValues();
        values["seq"].Items.Select(i => i.AsTensor("i").AsFloat()[0]).Should().Equal(1f, 2f);
        values["none"].HasValue.Should().BeFalse();
    }

    [Fact]
    public void Timed_runs_allocate_no_managed_memory()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("digits_mlp"));
        using var prepared = session.Prepare(FixtureModels.Feed(session, FixtureModels.TestX("digits").SliceRows(0, 4)));
        prepared.Measure(warmup: 3, iterations: 1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        long total = 0;
        for (var i = 0; i < 50; i++)
        {
            total += prepared.RunOnceTicks();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
        total.Should().BePositive();
    }
}
