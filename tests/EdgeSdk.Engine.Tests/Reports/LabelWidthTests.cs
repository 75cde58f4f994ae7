// Chart labels are placed from an estimate of their rendered width, which must never fall short of what the browser
// draws: estimated narrower, "p90 0.103" and "p99 0.113" were set side by side and overlapped by 2.4 px in Chromium
// ('1' counted narrow, but digits are tabular). The reference widths are DejaVu Sans's advance widths (hmtx, 2048
// units per em, read from Debian's fonts-dejavu-core), the widest face Chromium falls back to here, for every
// character the estimate had under-counted and for '0'.
using EdgeSdk.Reports.Charts;

namespace EdgeSdk.Engine.Tests.Reports;

public sealed class LabelWidthTests
{
    private static readonly (char Char, int Units)[] DejaVuSansAdvances =
    [
        ('!', 821), ('#', 1716), ('%', 1946), ('&', 1597), ('+', 1716), ('1', 1303), ('<', 1716), ('=', 1716), ('>', 1716), ('@', 2048), ('D', 1577), ('G', 1587), ('O', 1612), ('Q', 1612), ('W', 2025), ('^', 1716), ('m', 1995), ('~', 1716), ('…', 2048), ('×', 1716), ('≈', 1716), ('−', 1716), ('→', 1716), ('▲', 1575), ('▼', 1575), ('0', 1303),
    ];

    [Fact]
    public void NoCharacterIsEstimatedNarrowerThanDejaVuSansDrawsIt()
    {
        var tooNarrow = DejaVuSansAdvances.Where(a => LabelLayout.TextWidth(a.Char.ToString(), 2048) < a.Units).Select(a => $"'{a.Char}' {LabelLayout.TextWidth(a.Char.ToString(), 2048):0} < {a.Units}").ToList();
        tooNarrow.Should().BeEmpty();
    }

    [Fact]
    public void DigitsAreTabularSoPercentileLabelsWithOnesAreNotUnderestimated()
    {
        LabelLayout.TextWidth("1", 11).Should().Be(LabelLayout.TextWidth("0", 11));
        LabelLayout.TextWidth("p99 0.113", 11).Should().BeGreaterThanOrEqualTo(11 * (1300 + (6 * 1303) + 651 + 651) / 2048.0, "p, six digits, a space and a point at DejaVu Sans's widths");
    }
}
