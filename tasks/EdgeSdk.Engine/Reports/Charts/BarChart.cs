// Horizontal bars, one per category (e.g. model size per pipeline stage), with the formatted value at
// the end of each bar; the baseline's bar is marked so reductions read at a glance. Category labels sit
// right-aligned left of the bars in a column as wide as the longest label needs (up to a limit); a label
// longer than that (an 80-character layer path) is shortened in the middle and keeps its full text as a
// tooltip, so no label runs off the chart's left edge.
namespace EdgeSdk.Reports.Charts;

/// <summary>Draws a horizontal bar chart.</summary>
internal static class BarChart
{
    /// <summary>Font size of the category and value labels (the CSS of <c>.tick</c> and <c>.bar-label</c>).</summary>
    private const double FontSize = 11;

    /// <summary>Renders one bar per (label, value) in order; <paramref name="firstIsBaseline"/> greys the first bar.</summary>
    public static string Render(IReadOnlyList<(string Label, double Value)> bars, string title, string valueTitle, Func<double, string> format, bool firstIsBaseline = false, int width = 560)
    {
        const int BarHeight = 22;
        const int Gap = 8;
        const double Pad = 8;
        var height = ChartFrame.Top + ChartFrame.Bottom + (bars.Count * (BarHeight + Gap));
        var svg = new Svg(width, height, title);
        var max = bars.Count > 0 ? bars.Max(b => b.Value) : 1;

        // The label column: as wide as the longest label, at least 150 px and at most 40% of the chart.
        var widest = bars.Count > 0 ? bars.Max(b => LabelLayout.TextWidth(b.Label, FontSize)) : 0;
        var labelWidth = Math.Clamp(Math.Ceiling(widest + Pad + 4), 150, Math.Round(width * 0.4));
        var x = AxisScale.Create(0, max * 1.15, labelWidth, width - ChartFrame.Right);
        foreach (var tick in x.Ticks)
        {
            svg.Line(x.ToPixel(tick), ChartFrame.Top, x.ToPixel(tick), height - ChartFrame.Bottom, "grid");
            svg.Text(x.ToPixel(tick), height - ChartFrame.Bottom + 16, x.Format(tick), "tick", "middle");
        }

        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var top = ChartFrame.Top + (i * (BarHeight + Gap));
            var shown = LabelLayout.Fit(label, labelWidth - Pad - 4, FontSize);
            svg.Text(labelWidth - Pad, top + 15, shown, "tick", "end", tooltip: shown == label ? null : label);
            svg.Rect(x.ToPixel(0), top, x.ToPixel(value) - x.ToPixel(0), BarHeight, i == 0 && firstIsBaseline ? "bar baseline" : "bar", $"{label}: {format(value)}");

            // The value after the bar, or inside its end when it would pass the chart's right edge.
            var text = format(value);
            var after = x.ToPixel(value) + 4;
            if (after + LabelLayout.TextWidth(text, FontSize) <= width - 2 || x.ToPixel(value) - x.ToPixel(0) < LabelLayout.TextWidth(text, FontSize) + 8)
            {
                svg.Text(after, top + 15, text, "bar-label");
            }
            else
            {
                svg.Text(x.ToPixel(value) - 4, top + 15, text, "bar-label inside", "end");
            }
        }

        svg.Line(x.ToPixel(0), ChartFrame.Top, x.ToPixel(0), height - ChartFrame.Bottom, "axis");
        svg.Text((x.PixelFrom + x.PixelTo) / 2, height - 8, valueTitle, "axis-title", "middle");
        return svg.ToString();
    }
}
