// Keeps chart labels readable whatever the data: estimates how wide a label renders, shortens names that do
// not fit (in the middle, so both the start and the distinguishing end of a layer path stay visible), and
// places free-floating labels (stage names, percentile markers, notes) at the first candidate position that
// stays inside the chart and clears every label placed before it.
namespace EdgeSdk.Reports.Charts;

/// <summary>A label's box in SVG user units.</summary>
/// <param name="Left">Left edge.</param>
/// <param name="Top">Top edge.</param>
/// <param name="Right">Right edge.</param>
/// <param name="Bottom">Bottom edge.</param>
internal readonly record struct LabelBox(double Left, double Top, double Right, double Bottom)
{
    /// <summary>Returns whether the two boxes share any area.</summary>
    public bool Overlaps(LabelBox other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Returns whether this box lies inside <paramref name="bounds"/>.</summary>
    public bool Inside(LabelBox bounds) => Left >= bounds.Left && Right <= bounds.Right && Top >= bounds.Top && Bottom <= bounds.Bottom;
}

/// <summary>A candidate position for a label: baseline point and text anchor (start, middle or end).</summary>
/// <param name="X">Anchor x.</param>
/// <param name="Y">Baseline y.</param>
/// <param name="Anchor">start, middle or end.</param>
internal readonly record struct LabelSpot(double X, double Y, string Anchor);

/// <summary>Places labels inside a chart without overlaps.</summary>
internal sealed class LabelLayout(LabelBox bounds, double fontSize)
{
    private readonly List<LabelBox> _placed = [];

    /// <summary>Gets the font size (px) the labels are drawn in.</summary>
    public double FontSize { get; } = fontSize;

    /// <summary>
    /// Returns a generous estimate of the rendered width of <paramref name="text"/> at <paramref name="fontSize"/> px in a
    /// proportional sans-serif face (at least DejaVu Sans's advance width, the widest of the faces Chromium falls back to
    /// on Debian, for every character; Liberation Sans is narrower), so a label measured here never renders wider than its
    /// box. Digits are tabular in these faces: '1' is as wide as '0' (estimated narrower, "p90 0.103" and "p99 0.113"
    /// were placed side by side and overlapped by 2.4 px in Chromium). Characters outside ASCII count one em.
    /// </summary>
    public static double TextWidth(string text, double fontSize)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or ' ' or 'I' => 0.34,
                'f' or 't' or 'r' or '/' or '(' or ')' or '[' or ']' or '-' or '!' or '"' => 0.47,
                'm' or 'w' or 'M' or 'W' or '@' or '%' or '=' or '+' or '<' or '>' or '~' or '#' or '^' or > '\u007f' => 1.0,
                >= 'A' and <= 'Z' or '_' or '&' => 0.8,
                _ => 0.64,
            };
        }

        return em * fontSize;
    }

    /// <summary>
    /// Returns <paramref name="text"/> unchanged when it fits in <paramref name="maxWidth"/>, else shortened in the
    /// middle with "…", keeping about a third of the room for the start and the rest for the end.
    /// </summary>
    public static string Fit(string text, double maxWidth, double fontSize)
    {
        if (TextWidth(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var room = maxWidth - TextWidth("…", fontSize);
        var head = 0;
        var tail = 0;
        var width = 0.0;

        // Alternate one character from the start for every two from the end until the room is used.
        while (head + tail < text.Length)
        {
            var takeHead = tail >= 2 * (head + 1);
            var next = takeHead ? text[head] : text[text.Length - 1 - tail];
            var w = TextWidth(next.ToString(), fontSize);
            if (width + w > room)
            {
                break;
            }

            width += w;
            if (takeHead)
            {
                head++;
            }
            else
            {
                tail++;
            }
        }

        return text[..head] + "…" + text[^tail..];
    }

    /// <summary>Returns the box text occupies when drawn at <paramref name="spot"/>.</summary>
    public LabelBox BoxOf(string text, LabelSpot spot)
    {
        var width = TextWidth(text, FontSize);
        var left = spot.Anchor switch
        {
            "middle" => spot.X - (width / 2),
            "end" => spot.X - width,
            _ => spot.X,
        };

        // Ascent and descent of common sans faces are under 0.95 and 0.25 em.
        return new LabelBox(left, spot.Y - (0.95 * FontSize), left + width, spot.Y + (0.25 * FontSize));
    }

    /// <summary>Records a label drawn at a fixed position, so later labels avoid it.</summary>
    public void Reserve(string text, LabelSpot spot) => _placed.Add(BoxOf(text, spot));

    /// <summary>Returns the first candidate where <paramref name="text"/> fits inside the bounds and clears every placed label (and records it), or null when none does.</summary>
    public LabelSpot? Place(string text, IEnumerable<LabelSpot> candidates)
    {
        foreach (var spot in candidates)
        {
            var box = BoxOf(text, spot);
            if (box.Inside(bounds) && !_placed.Any(p => p.Overlaps(box)))
            {
                _placed.Add(box);
                return spot;
            }
        }

        return null;
    }
}
