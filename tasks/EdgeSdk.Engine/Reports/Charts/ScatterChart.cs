// Accuracy against latency, one labelled point per pipeline stage, joined in pipeline order so the
// reader sees the path the recipe took (up-left is better: more accurate and faster).
namespace EdgeSdk.Reports.Charts;

/// <summary>A labelled point.</summary>
/// <param name="Label">Point label (stage name).</param>
/// <param name="X">X value.</param>
/// <param name="Y">Y value.</param>
internal sealed record ChartPoint(string Label, double X, double Y);

/// <summary>Draws a connected scatter chart.</summary>
internal static class ScatterChart
{
    /// <summary>Renders the points (in order) as SVG.</summary>
    /// <param name="points">Points in stage order.</param>
    /// <param name="title">Accessible title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="formatX">Formats x values for tooltips.</param>
    /// <param name="formatY">Formats y values for tooltips.</param>
    /// <param name="yLimit">Bounds the y axis may not pass (e.g. [0, 1] for fractions), or null.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    public static string Render(IReadOnlyList<ChartPoint> points, string title, string xTitle, string yTitle, Func<double, string> formatX, Func<double, string> formatY, (double Min, double Max)? yLimit = null, int width = 560, int height = 320)
    {
        var svg = new Svg(width, height, title);
        var usable = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var x = AxisScale.Create(usable.Count > 0 ? Math.Min(0, usable.Min(p => p.X)) : 0, usable.Count > 0 ? usable.Max(p => p.X) * 1.1 : 1, ChartFrame.Left, width - ChartFrame.Right);
        var (yLow, yHigh) = (usable.Count > 0 ? usable.Min(p => p.Y) : 0, usable.Count > 0 ? usable.Max(p => p.Y) : 1);
        if (yLimit is { } limit && yHigh - yLow < 1e-9)
        {
            // Equal values (a pass that kept accuracy): show a small band around them inside the limits.
            (yLow, yHigh) = (Math.Max(limit.Min, yLow - 0.005), Math.Min(limit.Max, yHigh + 0.005));
        }

        var y = AxisScale.Create(yLow, yHigh, height - ChartFrame.Bottom, ChartFrame.Top);
        ChartFrame.Draw(svg, x, y, xTitle, yTitle);
        if (usable.Count > 1)
        {
            svg.Polyline(usable.Select(p => (x.ToPixel(p.X), y.ToPixel(p.Y))), "path");
        }

        var layout = new LabelLayout(new LabelBox(x.PixelFrom + 2, 0, width - 2, y.PixelFrom - 2), 11);
        for (var i = 0; i < usable.Count; i++)
        {
            var p = usable[i];
            var cssClass = i == 0 ? "point baseline" : i == usable.Count - 1 ? "point final" : "point";
            svg.Circle(x.ToPixel(p.X), y.ToPixel(p.Y), 5, cssClass, $"{p.Label}: {formatY(p.Y)} at {formatX(p.X)}");

            // Alternate labels above and below the points so neighbouring stages stay readable; a label that
            // would overlap another or leave the chart moves around its point, and is left out (the point keeps
            // its tooltip) only when no position is free.
            var label = LabelLayout.Fit(p.Label, 200, layout.FontSize);
            if (layout.Place(label, Around(x.ToPixel(p.X), y.ToPixel(p.Y), aboveFirst: i % 2 == 0)) is { } spot)
            {
                svg.Text(spot.X, spot.Y, label, "point-label", spot.Anchor, tooltip: label == p.Label ? null : p.Label);
            }
        }

        return svg.ToString();
    }

    /// <summary>Candidate label positions around a point (at px, py), nearest first.</summary>
    internal static IEnumerable<LabelSpot> Around(double px, double py, bool aboveFirst)
    {
        for (var ring = 0; ring < 5; ring++)
        {
            var (above, below) = (py - 8 - (ring * 14), py + 16 + (ring * 14));
            foreach (var row in aboveFirst ? new[] { above, below } : [below, above])
            {
                yield return new LabelSpot(px + 8, row, "start");
                yield return new LabelSpot(px - 8, row, "end");
                yield return new LabelSpot(px, row, "middle");
            }
        }
    }
}
