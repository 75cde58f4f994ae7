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
