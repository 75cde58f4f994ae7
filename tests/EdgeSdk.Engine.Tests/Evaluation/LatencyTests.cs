// Latency statistics against numpy's values and the runner's protocol (warm-up untimed, runs, duration).
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Passes;

namespace EdgeSdk.Engine.Tests.Evaluation;

public class LatencyTests
{
    [Fact]
    public void StatisticsMatchNumpyLinearPercentilesAndSampleStdDev()
    {
        // numpy: np.percentile(range(1, 101), [50, 90, 99]) = 50.5, 90.1, 99.01; np.std(ddof=1) = 29.011491975882016.
        var samples = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
        var stats = LatencyStatistics.FromSamples(samples, warmup: 10, batch: 4, threads: 2);

        stats.P50Ms.Should().BeApproximately(50.5, 1e-12);
        stats.P90Ms.Should().BeApproximately(90.1, 1e-12);
        stats.P99Ms.Should().BeApproximately(99.01, 1e-12);
        stats.MeanMs.Should().BeApproximately(50.5, 1e-12);
        stats.StdDevMs.Should().BeApproximately(29.011491975882016, 1e-12);
        stats.MinMs.Should().Be(1);
        stats.MaxMs.Should().Be(100);
        stats.ThroughputPerSecond.Should().BeApproximately(4 * 1000 / 50.5, 1e-9, "batch 4 at the median 50.5 ms");
        stats.SamplesMs.Should().Equal(samples, "the samples keep their run order for the distribution chart");
        stats.Get("p90").Should().Be(stats.P90Ms);
    }

    [Fact]
    public void RunnerWarmsUpUntimedThenTimesTheRequestedRuns()
    {
        var run = new CountingRun();
        var updates = new List<ProgressUpdate>();
        var stats = LatencyRunner.Measure(run, new EvaluationSettings { Warmup = 3, Runs = 7 }, new SyncProgress(updates.Add), CancellationToken.None);

        run.Count.Should().Be(10);
        stats.Runs.Should().Be(7);
        stats.SamplesMs.Should().Equal([4.0, 5, 6, 7, 8, 9, 10], "warm-up runs 1-3 are not timed");
        stats.Warmup.Should().Be(3);
        updates.Should().HaveCount(7);
        updates[^1].Should().Be(new ProgressUpdate("latency", 7, 7));
    }

    [Fact]
    public void DurationKeepsTimingAfterTheMinimumRuns()
    {
        var clock = new ManualClock();
        var run = new CountingRun(() => clock.Advance(TimeSpan.FromMilliseconds(100)));
        var stats = LatencyRunner.Measure(run, new EvaluationSettings { Warmup = 0, Runs = 2, DurationSeconds = 1 }, null, CancellationToken.None, clock);

        stats.Runs.Should().Be(10, "runs go on until one second of the manual clock has passed");
    }

    [Fact]
    public void CancellationStopsBetweenRuns()
    {
        using var cts = new CancellationTokenSource();
        var run = new CountingRun(() => cts.Cancel());
        var act = () => LatencyRunner.Measure(run, new EvaluationSettings { Warmup = 0, Runs = 100 }, null, cts.Token);
        act.Should().Throw<OperationCanceledException>();
        run.Count.Should().Be(1);
    }

    [Fact]
    public void MachineInfoReadsModelAndInferenceFlagsFromCpuInfo()
    {
        const string CpuInfo = "processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse4_2 avx avx2 fma avx512f avx512_vnni ht\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n";
        var info = MachineInfo.FromCpuInfo(CpuInfo);
        info.CpuModel.Should().Be("AMD EPYC 7B13");
        info.IsaFlags.Should().Equal("avx", "avx2", "avx512_vnni", "avx512f", "fma", "sse4_2");

        var arm = MachineInfo.FromCpuInfo("processor\t: 0\nFeatures\t: fp asimd evtstrm aes asimddp i8mm\n");
        arm.IsaFlags.Should().Equal("asimd", "asimddp", "i8mm");
    }

    private sealed class CountingRun(Action? onRun = null) : IRepeatedRun
    {
        public int Count { get; private set; }

        public TimeSpan RunOnce()
        {
            Count++;
            onRun?.Invoke();
            return TimeSpan.FromMilliseconds(Count);
        }

        public void Dispose()
        {
        }
    }

    private sealed class SyncProgress(Action<ProgressUpdate> onReport) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => onReport(value);
    }
}
