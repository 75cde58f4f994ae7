// The plot area shared by the charts: margins, grid lines, tick labels and axis titles drawn from two
// AxisScales, so every chart in a report has the same look.
namespace EdgeSdk.Reports.Charts;

/// <summary>Axes and grid of a chart.</summary>
internal static class ChartFrame
{
    /// <summary>Left margin (room for y tick labels and title).</summary>
    public const int Left = 64;

    /// <summary>Right margin.</summary>
    public const int Right = 24;

    /// <summary>Top margin.</summary>
    public const int Top = 16;

    /// <summary>Bottom margin (room for x tick labels and title).</summary>
    public const int Bottom = 48;

    /// <summary>Draws both axes with grid lines, tick labels and titles.</summary>
    public static void Draw(Svg svg, AxisScale x, AxisScale y, string xTitle, string yTitle)
    {
        foreach (var tick in y.Ticks)
        {
            var py = y.ToPixel(tick);
            svg.Line(x.PixelFrom, py, x.PixelTo, py, "grid");
            svg.Text(x.PixelFrom - 6, py + 4, y.Format(tick), "tick", "end");
        }

        foreach (var tick in x.Ticks)
        {
            var px = x.ToPixel(tick);
            svg.Line(px, y.PixelFrom, px, y.PixelTo, "grid");
            // 19 px below the axis: the lowest y tick label (baseline 4 px below it) ends above this row, so the
            // two labels at the origin never overlap.
            svg.Text(px, y.PixelFrom + 19, x.Format(tick), "tick", "middle");
        }

        svg.Line(x.PixelFrom, y.PixelFrom, x.PixelTo, y.PixelFrom, "axis");
        svg.Line(x.PixelFrom, y.PixelFrom, x.PixelFrom, y.PixelTo, "axis");
        svg.Text((x.PixelFrom + x.PixelTo) / 2, svg.Height - 8, xTitle, "axis-title", "middle");
        svg.Text(14, (y.PixelFrom + y.PixelTo) / 2, yTitle, "axis-title", "middle", -90);
    }
}
