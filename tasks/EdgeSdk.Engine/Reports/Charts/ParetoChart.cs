// The trade-off of a search: every measured trial as a point (a metric against a cost such as latency or
// size), the Pareto front joined by a line, trials that miss a budget hollow, and the chosen trial
// marked and labelled, so a reader sees what the budgets excluded and what the objective picked.
namespace EdgeSdk.Reports.Charts;

/// <summary>A trial point.</summary>
/// <param name="Label">Trial id.</param>
/// <param name="X">Cost (smaller is better).</param>
/// <param name="Y">Metric (larger is better).</param>
/// <param name="Feasible">Whether the trial meets every budget.</param>
/// <param name="Chosen">Whether it is the chosen trial.</param>
/// <param name="Tooltip">Hover text.</param>
internal sealed record TrialPoint(string Label, double X, double Y, bool Feasible, bool Chosen, string Tooltip);

/// <summary>Draws a Pareto scatter of trials.</summary>
internal static class ParetoChart
{
    /// <summary>Returns the points on the Pareto front (no other point is at least as cheap and at least as good, and better in one), by increasing cost.</summary>
    public static IReadOnlyList<TrialPoint> Front(IReadOnlyList<TrialPoint> points) => points
        .Where(p => !points.Any(q => q != p && q.X <= p.X && q.Y >= p.Y && (q.X < p.X || q.Y > p.Y)))
        .OrderBy(p => p.X).ThenByDescending(p => p.Y)
        .ToList();

    /// <summary>Renders the chart as SVG.</summary>
    public static string Render(IReadOnlyList<TrialPoint> points, string title, string xTitle, string yTitle, (double Min, double Max)? yLimit = null, int width = 560, int height = 320)
    {
        var svg = new Svg(width, height, title);
        var usable = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var x = AxisScale.Create(usable.Count > 0 ? Math.Min(0, usable.Min(p => p.X)) : 0, usable.Count > 0 ? Math.Max(1e-9, usable.Max(p => p.X)) * 1.1 : 1, ChartFrame.Left, width - ChartFrame.Right);
        var (yLow, yHigh) = (usable.Count > 0 ? usable.Min(p => p.Y) : 0, usable.Count > 0 ? usable.Max(p => p.Y) : 1);
        if (yHigh - yLow < 1e-9)
        {
            (yLow, yHigh) = yLimit is { } limit ? (Math.Max(limit.Min, yLow - 0.005), Math.Min(limit.Max, yHigh + 0.005)) : (yLow - 0.5, yHigh + 0.5);
        }

        var y = AxisScale.Create(yLow, yHigh, height - ChartFrame.Bottom, ChartFrame.Top);
        ChartFrame.Draw(svg, x, y, xTitle, yTitle);
        var front = Front(usable);
        if (front.Count > 1)
        {
            svg.Polyline(front.Select(p => (x.ToPixel(p.X), y.ToPixel(p.Y))), "path front");
        }

        var layout = new LabelLayout(new LabelBox(x.PixelFrom + 2, 0, width - 2, y.PixelFrom - 2), 11);
        foreach (var p in usable.OrderBy(p => p.Chosen))
        {
            var css = p.Chosen ? "point chosen" : p.Feasible ? "point" : "point infeasible";
            svg.Circle(x.ToPixel(p.X), y.ToPixel(p.Y), p.Chosen ? 7 : 5, css, p.Tooltip);
            if (p.Chosen)
            {
                var label = "chosen: " + p.Label;
                if (layout.Place(label, ScatterChart.Around(x.ToPixel(p.X), y.ToPixel(p.Y) - 2, aboveFirst: true)) is { } spot)
                {
                    svg.Text(spot.X, spot.Y, label, "point-label", spot.Anchor);
                }
            }
        }

        return svg.ToString();
    }
}
