// The distribution of timed runs as a histogram, with the p50/p90/p99 lines marked, so a reader sees
// whether the percentile a budget is judged on sits in the body or in a long tail.
using System.Globalization;

namespace EdgeSdk.Reports.Charts;

/// <summary>Draws a histogram with percentile markers.</summary>
internal static class HistogramChart
{
    /// <summary>Renders <paramref name="samples"/> in <paramref name="bins"/> equal-width bins with the named markers.</summary>
    public static string Render(IReadOnlyList<double> samples, IReadOnlyList<(string Label, double Value)> markers, string title, string xTitle, int bins = 30, int width = 560, int height = 260)
    {
        var svg = new Svg(width, height, title);
        if (samples.Count == 0)
        {
            svg.Text(width / 2.0, height / 2.0, "no timed runs", "tick", "middle");
            return svg.ToString();
        }

        var low = samples.Min();
        var high = samples.Max();
        var binWidth = Math.Max((high - low) / bins, 1e-9);
        var counts = new int[bins];
        foreach (var s in samples)
        {
            counts[Math.Min(bins - 1, (int)((s - low) / binWidth))]++;
        }

        var x = AxisScale.Create(low, low + (binWidth * bins), ChartFrame.Left, width - ChartFrame.Right);
        var y = AxisScale.Create(0, counts.Max(), height - ChartFrame.Bottom, ChartFrame.Top, ticks: 4);
        ChartFrame.Draw(svg, x, y, xTitle, "runs");
        for (var b = 0; b < bins; b++)
        {
            var from = low + (b * binWidth);
            var left = x.ToPixel(from);
            var right = x.ToPixel(from + binWidth);
            svg.Rect(left + 0.5, y.ToPixel(counts[b]), right - left - 1, y.ToPixel(0) - y.ToPixel(counts[b]), "bar", string.Create(CultureInfo.InvariantCulture, $"{counts[b]} runs in [{from:0.###}, {from + binWidth:0.###}) ms"));
        }

        for (var m = 0; m < markers.Count; m++)
        {
            var (label, value) = markers[m];
            var px = x.ToPixel(value);
            svg.Line(px, y.PixelFrom, px, y.PixelTo, "marker");

            // Staggered so close percentiles do not print over each other.
            svg.Text(px + 3, y.PixelTo + 12 + (14 * m), string.Create(CultureInfo.InvariantCulture, $"{label} {value:0.###}"), "marker-label");
        }

        return svg.ToString();
    }
}
