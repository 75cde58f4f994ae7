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
    public static string Render(IReadOnlyList<ChartPoint> points, string title, string xTitle, string yTitle, Func<double, string> formatX, Func<double, string> formatY, int width = 560, int height = 320)
    {
        var svg = new Svg(width, height, title);
        var usable = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var x = AxisScale.Create(usable.Count > 0 ? Math.Min(0, usable.Min(p => p.X)) : 0, usable.Count > 0 ? usable.Max(p => p.X) * 1.1 : 1, ChartFrame.Left, width - ChartFrame.Right);
        var y = AxisScale.Create(usable.Count > 0 ? usable.Min(p => p.Y) : 0, usable.Count > 0 ? usable.Max(p => p.Y) : 1, height - ChartFrame.Bottom, ChartFrame.Top);
        ChartFrame.Draw(svg, x, y, xTitle, yTitle);
        if (usable.Count > 1)
        {
            svg.Polyline(usable.Select(p => (x.ToPixel(p.X), y.ToPixel(p.Y))), "path");
        }

        for (var i = 0; i < usable.Count; i++)
        {
            var p = usable[i];
            var cssClass = i == 0 ? "point baseline" : i == usable.Count - 1 ? "point final" : "point";
            svg.Circle(x.ToPixel(p.X), y.ToPixel(p.Y), 5, cssClass, $"{p.Label}: {formatY(p.Y)} at {formatX(p.X)}");
            svg.Text(x.ToPixel(p.X) + 8, y.ToPixel(p.Y) - 8, p.Label, "point-label");
        }

        return svg.ToString();
    }
}
