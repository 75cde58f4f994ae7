// The inline stylesheet of report.html (light and dark schemes, print-friendly), kept apart from the
// markup writer so each file stays readable.
namespace EdgeSdk.Reports;

/// <summary>CSS of the HTML report.</summary>
internal static class HtmlReportStyle
{
    /// <summary>Gets the stylesheet.</summary>
    public const string Css = """
        :root { --fg:#1f2328; --muted:#59636e; --bg:#ffffff; --panel:#f6f8fa; --line:#d1d9e0; --accent:#0969da; --good:#1a7f37; --bad:#cf222e; --warn:#9a6700; }
        @media (prefers-color-scheme: dark) { :root { --fg:#e6edf3; --muted:#9198a1; --bg:#0d1117; --panel:#151b23; --line:#3d444d; --accent:#4493f8; --good:#3fb950; --bad:#f85149; --warn:#d29922; } }
        * { box-sizing: border-box; }
        body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); margin: 0; padding: 24px 32px 48px; max-width: 1280px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        .sub { color: var(--muted); margin: 0 0 16px; }
        .verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; color: #fff; }
        .verdict.pass { background: var(--good); } .verdict.fail { background: var(--bad); } .verdict.none { background: var(--muted); }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 12px; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .card .value { font-size: 20px; font-weight: 600; } .card .from { color: var(--muted); font-size: 12px; }
        table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: var(--panel); font-weight: 600; } td.num, th.num { text-align: right; white-space: nowrap; }
        .better { color: var(--good); } .worse { color: var(--bad); } .same, .muted { color: var(--muted); } .warn { color: var(--warn); }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
        figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px; }
        figcaption { font-weight: 600; margin: 0 0 4px 4px; }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis { stroke: var(--muted); stroke-width: 1.2; }
        svg .tick, svg .bar-label, svg .point-label { fill: var(--muted); font-size: 11px; } svg .axis-title { fill: var(--fg); font-size: 12px; }
        svg .path { fill: none; stroke: var(--accent); stroke-width: 1.5; stroke-dasharray: 4 3; }
        svg .point { fill: var(--accent); stroke: var(--bg); stroke-width: 1.5; } svg .point.baseline { fill: var(--muted); } svg .point.final { fill: var(--good); }
        svg .point.infeasible { fill: none; stroke: var(--muted); } svg .point.chosen { fill: var(--good); stroke: var(--fg); stroke-width: 2; } svg .path.front { stroke-dasharray: 5 3; }
        svg .bar { fill: var(--accent); opacity: .85; } svg .bar.baseline { fill: var(--muted); }
        svg .marker { stroke: var(--bad); stroke-width: 1.2; stroke-dasharray: 3 2; } svg .marker-label { fill: var(--bad); font-size: 11px; }
        .pill { display: inline-block; min-width: 40px; text-align: center; padding: 0 6px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
        .pill.pass { background: var(--good); } .pill.fail { background: var(--bad); } .pill.warn { background: var(--warn); }
        .share { display: inline-block; height: 8px; background: var(--accent); border-radius: 2px; vertical-align: middle; margin-right: 6px; }
        details { margin: 8px 0; } summary { cursor: pointer; color: var(--accent); }
        .estimate { font-style: italic; } footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; }
        td { overflow-wrap: break-word; } td code, li, .sub code, p code { overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; max-width: 100%; } td details { margin: 2px 0 0; } td details ul { margin: 2px 0; padding-left: 18px; }
        svg .bar-label.inside { fill: #fff; } td.rank { color: var(--muted); text-align: right; }
        """;
}
