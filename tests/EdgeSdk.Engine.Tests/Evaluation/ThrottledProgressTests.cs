using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Passes;

namespace EdgeSdk.Engine.Tests.Evaluation;

public class ThrottledProgressTests
{
    [Fact]
    public void PassesFirstFinalAndDueUpdatesOnly()
    {
        var clock = new ManualClock();
        var seen = new List<ProgressUpdate>();
        var progress = new ThrottledProgress(seen.Add, TimeSpan.FromSeconds(5), clock);

        for (var i = 1; i <= 100; i++)
        {
            progress.Report(new ProgressUpdate("latency", i, 100));
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        // 10 s of updates every 100 ms: the first (t=0), t=5 s, and the final one.
        seen.Select(u => u.Done).Should().Equal(1, 51, 100);
    }

    [Fact]
    public void ANewStepPassesAtOnceAndARepeatedFinalDoesNot()
    {
        var clock = new ManualClock();
        var seen = new List<ProgressUpdate>();
        var progress = new ThrottledProgress(seen.Add, TimeSpan.FromSeconds(5), clock);

        progress.Report(new ProgressUpdate("calibration", 10, 10));
        progress.Report(new ProgressUpdate("calibration", 10, 10));
        progress.Report(new ProgressUpdate("evaluation", 1, 400));
        progress.Report(new ProgressUpdate("evaluation", 2, 400));

        seen.Select(u => $"{u.Step}:{u.Done}").Should().Equal("calibration:10", "evaluation:1");
    }

    [Fact]
    public void FormatsOneReadableLine()
    {
        ThrottledProgress.Format(new ProgressUpdate("latency", 40, 100, "p50 1.2 ms")).Should().Be("latency: 40/100 (40%), p50 1.2 ms");
        ThrottledProgress.Format(new ProgressUpdate("training", 7, 0)).Should().Be("training: 7");
    }
}
