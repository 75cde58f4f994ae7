// The change wording every report and the diff share: points for fractions, ratios for big moves, noise
// for small timing moves, and better/worse by the figure's direction.
using EdgeSdk.Reports;

namespace EdgeSdk.Engine.Tests.Reports;

public class MeasureTests
{
    private static Measure Get(string key) => Measure.For([ManifestSamples.Stage("s", 0.99, 1, 1000, 1)]).Single(m => m.Key == key);

    [Theory]
    [InlineData("accuracy", 0.99, 0.985, "▼ −0.5 pt worse")]
    [InlineData("accuracy", 0.99, 0.99002, "=")]
    [InlineData("LogLoss", 0.10, 0.08, "▼ −0.02 better")] // a value metric changes in its own units, never %
    [InlineData("latency_p90", 1.0, 1.03, "≈ +3% (noise)")]
    [InlineData("latency_p90", 1.0, 1.2, "▲ +20% worse")]
    [InlineData("latency_p90", 1.0, 0.25, "▼ −75% (4× faster) better")]
    [InlineData("size", 400_000, 100_000, "▼ −75% (4× smaller) better")]
    [InlineData("size", 100_000, 102_000, "▲ +2% worse")]
    [InlineData("throughput", 1000, 2000, "▲ +100% better")]
    public void ChangesReadTheRightWayRound(string key, double before, double after, string expected) =>
        Get(key).Compare(before, after).Text.Should().Be(expected);

    [Fact]
    public void FormatsInTheFiguresUnit()
    {
        Get("accuracy").Format(0.9925).Should().Be("99.25%");
        Get("size").Format(381_234).Should().Be("381.2 KB");
        Get("macs").Format(2_379_008).Should().Be("2.38 M");
        Get("latency_p90").Format(null).Should().Be("—");
    }
}
