// Minimal, deterministic SVG markup: elements with attributes written in a fixed order, numbers in the
// invariant culture with two decimals, text escaped. Charts are inline in report.html, so nothing here
// references an external resource.
using System.Globalization;
using System.Net;
using System.Text;

namespace EdgeSdk.Reports.Charts;

/// <summary>Builds one SVG document.</summary>
internal sealed class Svg
{
    private readonly StringBuilder _body = new();

    /// <summary>Creates a document of the given size (pixels, also the viewBox).</summary>
    public Svg(int width, int height, string title)
    {
        Width = width;
        Height = height;
        Title = title;
    }

    /// <summary>Gets the width.</summary>
    public int Width { get; }

    /// <summary>Gets the height.</summary>
    public int Height { get; }

    /// <summary>Gets the accessible title.</summary>
    public string Title { get; }

    /// <summary>Formats a number for an attribute.</summary>
    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Escapes text for element content or attribute values.</summary>
    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Adds a line.</summary>
    public Svg Line(double x1, double y1, double x2, double y2, string cssClass) =>
        Raw($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" class=\"{cssClass}\"/>");

    /// <summary>Adds a rectangle with a tooltip.</summary>
    public Svg Rect(double x, double y, double width, double height, string cssClass, string? tooltip = null) =>
        Raw(tooltip is null
            ? $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" class=\"{cssClass}\"/>"
            : $"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(Math.Max(0, width))}\" height=\"{N(Math.Max(0, height))}\" class=\"{cssClass}\"><title>{Escape(tooltip)}</title></rect>");

    /// <summary>Adds a circle with a tooltip.</summary>
    public Svg Circle(double cx, double cy, double r, string cssClass, string tooltip) =>
        Raw($"<circle cx=\"{N(cx)}\" cy=\"{N(cy)}\" r=\"{N(r)}\" class=\"{cssClass}\"><title>{Escape(tooltip)}</title></circle>");

    /// <summary>Adds a polyline through the points.</summary>
    public Svg Polyline(IEnumerable<(double X, double Y)> points, string cssClass) =>
        Raw($"<polyline points=\"{string.Join(' ', points.Select(p => N(p.X) + "," + N(p.Y)))}\" class=\"{cssClass}\"/>");

    /// <summary>Adds text; <paramref name="anchor"/> is start, middle or end; <paramref name="tooltip"/> (e.g. the full name of a shortened label) shows on hover.</summary>
    public Svg Text(double x, double y, string text, string cssClass, string anchor = "start", double rotate = 0, string? tooltip = null)
    {
        var transform = rotate == 0 ? "" : $" transform=\"rotate({N(rotate)} {N(x)} {N(y)})\"";
        var title = tooltip is null ? "" : $"<title>{Escape(tooltip)}</title>";
        return Raw($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" class=\"{cssClass}\"{transform}>{title}{Escape(text)}</text>");
    }

    /// <summary>Returns the SVG markup.</summary>
    public override string ToString() =>
        $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(Title)}\"><title>{Escape(Title)}</title>{_body}</svg>";

    private Svg Raw(string markup)
    {
        _body.Append(markup);
        return this;
    }
}
