// Chart axes: round tick steps that cover the data, and tick labels with just enough decimals.
using EdgeSdk.Reports.Charts;

namespace EdgeSdk.Engine.Tests.Reports;

public class AxisScaleTests
{
    [Fact]
    public void TicksAreRoundAndCoverTheData()
    {
        var axis = AxisScale.Create(0.3021, 0.5563, 0, 100);
        axis.Step.Should().Be(0.05);
        axis.Min.Should().BeApproximately(0.30, 1e-12);
        axis.Max.Should().BeApproximately(0.60, 1e-12);
        axis.Ticks.Select(axis.Format).Should().Equal("0.30", "0.35", "0.40", "0.45", "0.50", "0.55", "0.60");
        axis.ToPixel(0.45).Should().BeApproximately(50, 1e-9);
    }

    [Fact]
    public void QuarterStepsKeepTheirDecimals()
    {
        var axis = AxisScale.Create(0.99, 1.0, 0, 100, ticks: 4);
        axis.Step.Should().BeApproximately(0.0025, 1e-15);
        axis.Ticks.Select(axis.Format).Should().Equal("0.9900", "0.9925", "0.9950", "0.9975", "1.0000");
    }
}
