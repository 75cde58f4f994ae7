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

        // Runs far beyond the last marker (a descheduled run on a busy machine) would squash the body of
        // the distribution into one bar: the axis ends a little past the last marker and says how many runs
        // it leaves out.
        var low = samples.Min();
        var lastMarker = markers.Count > 0 ? markers.Max(m => m.Value) : samples.Max();
        var high = Math.Min(samples.Max(), lastMarker + ((lastMarker - low) * 0.25));
        var binWidth = Math.Max((high - low) / bins, 1e-9);
        var counts = new int[bins];
        var beyond = 0;
        foreach (var s in samples)
        {
            if (s > high)
            {
                beyond++;
                continue;
            }

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

        // Marker labels and the note on left-out runs share the band at the top of the plot: each takes the
        // first row where it clears the labels placed before it (right of its line, else left of it).
        var layout = new LabelLayout(new LabelBox(x.PixelFrom, 0, width - 2, y.PixelFrom), 11);
        const double Row = 14;
        for (var m = 0; m < markers.Count; m++)
        {
            var (label, value) = markers[m];
            var px = x.ToPixel(value);
            svg.Line(px, y.PixelFrom, px, y.PixelTo, "marker");
            var text = string.Create(CultureInfo.InvariantCulture, $"{label} {value:0.###}");
            if (layout.Place(text, Rows(y.PixelTo + 12, Row, markers.Count + 2).SelectMany(row => new[] { new LabelSpot(px + 3, row, "start"), new LabelSpot(px - 3, row, "end") })) is { } spot)
            {
                svg.Text(spot.X, spot.Y, text, "marker-label", spot.Anchor);
            }
        }

        if (beyond > 0)
        {
            var note = string.Create(CultureInfo.InvariantCulture, $"{beyond} run{(beyond == 1 ? "" : "s")} above {high:0.###} ms (max {samples.Max():0.###}) not shown");
            if (layout.Place(note, Rows(y.PixelTo + 12, Row, markers.Count + 3).Select(row => new LabelSpot(x.PixelTo, row, "end"))) is { } spot)
            {
                svg.Text(spot.X, spot.Y, note, "tick", "end");
            }
        }

        return svg.ToString();
    }

    private static IEnumerable<double> Rows(double first, double step, int count) => Enumerable.Range(0, count).Select(i => first + (i * step));
}
