// Horizontal bars, one per category (e.g. model size per pipeline stage), with the formatted value at
// the end of each bar; the baseline's bar is marked so reductions read at a glance.
namespace EdgeSdk.Reports.Charts;

/// <summary>Draws a horizontal bar chart.</summary>
internal static class BarChart
{
    /// <summary>Renders one bar per (label, value) in order; <paramref name="firstIsBaseline"/> greys the first bar.</summary>
    public static string Render(IReadOnlyList<(string Label, double Value)> bars, string title, string valueTitle, Func<double, string> format, bool firstIsBaseline = false, int width = 560)
    {
        const int BarHeight = 22;
        const int Gap = 8;
        const int LabelWidth = 150;
        var height = ChartFrame.Top + ChartFrame.Bottom + (bars.Count * (BarHeight + Gap));
        var svg = new Svg(width, height, title);
        var max = bars.Count > 0 ? bars.Max(b => b.Value) : 1;
        var x = AxisScale.Create(0, max * 1.15, LabelWidth, width - ChartFrame.Right);
        foreach (var tick in x.Ticks)
        {
            svg.Line(x.ToPixel(tick), ChartFrame.Top, x.ToPixel(tick), height - ChartFrame.Bottom, "grid");
            svg.Text(x.ToPixel(tick), height - ChartFrame.Bottom + 16, x.Format(tick), "tick", "middle");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var top = ChartFrame.Top + (i * (BarHeight + Gap));
            svg.Text(LabelWidth - 8, top + 15, label, "tick", "end");
            svg.Rect(x.ToPixel(0), top, x.ToPixel(value) - x.ToPixel(0), BarHeight, i == 0 && firstIsBaseline ? "bar baseline" : "bar", $"{label}: {format(value)}");
            svg.Text(x.ToPixel(value) + 4, top + 15, format(value), "bar-label");
        }

        svg.Line(x.ToPixel(0), ChartFrame.Top, x.ToPixel(0), height - ChartFrame.Bottom, "axis");
        svg.Text((x.PixelFrom + x.PixelTo) / 2, height - 8, valueTitle, "axis-title", "middle");
        return svg.ToString();
    }
}
