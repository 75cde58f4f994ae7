// report.html: self-contained (no external resource, CSP forbids any), every chart drawn as inline SVG,
// deterministic; and rendered by headless Chromium, whose screenshot must show the report's colours.
using System.Text.RegularExpressions;
using EdgeSdk.Reports;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Reports;

public class HtmlReportWriterTests
{
    private static readonly string Html = HtmlReportWriter.Render(ManifestSamples.ThreeStages(), ["quantize: 1 Gemm kept in float (accuracy fallback)"], "AMD EPYC 7B13 (X64, avx2 fma)");

    [Fact]
    public void IsSelfContained()
    {
        Html.Should().Contain("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"");
        Html.Should().NotContainAny("<script", "<link", "<img", "@import", "url(", "src=\"http", "href=\"http");
        Regex.Matches(Html, "https?://").Select(m => Html.Substring(m.Index, 30)).Should().OnlyContain(s => s.StartsWith("http://www.w3.org/2000/svg"), "the SVG namespace is the only URL");
    }

    [Fact]
    public void DrawsEveryChartAsInlineSvg()
    {
        Regex.Count(Html, "<svg ").Should().Be(5, "accuracy vs latency, size per stage, two latency distributions, heaviest layers");
        Regex.Count(Html, "<circle ").Should().Be(3, "one point per stage");
        Html.Should().Contain("<title>baseline: 99.5% at ").And.Contain("<title>quantize: 99.25% at ");
        Html.Should().Contain("p90 ").And.Contain("class=\"marker\"");
    }

    [Fact]
    public void ListsBudgetsStagesPassesAndLayers()
    {
        Html.Should().Contain("✗ 1 of 3 budgets missed");
        Html.Should().Contain("<td><span class=\"pill fail\">fail</span></td><td>size");
        Html.Should().Contain("<td class=\"num\">101.5 KB</td>");
        Html.Should().Contain("<td>size <span class=\"muted\">(recipe.yaml:14)</span></td>");
        Html.Should().Contain("<th class=\"num\">baseline</th><th class=\"num\">fuse</th><th class=\"num\">quantize</th>");
        Html.Should().Contain("<code>/c2/Conv</code></td><td>Conv</td><td>fp32</td><td><code>[1,64,8,8]</code></td><td class=\"num\">1,179,648</td>");
        Html.Should().Contain("target ms (estimate)");
        Html.Should().Contain("quantize: 1 Gemm kept in float");
    }

    [Fact]
    public void IsDeterministic() =>
        HtmlReportWriter.Render(ManifestSamples.ThreeStages(), ["w"]).Should().Be(HtmlReportWriter.Render(ManifestSamples.ThreeStages(), ["w"]));

    [Fact]
    public void RendersInHeadlessChromium()
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        var page = Path.Combine(dir, "report.html");
        var shot = Path.Combine(dir, "report.png");
        File.Delete(shot);
        File.WriteAllText(page, Html);

        var dom = HeadlessChromium.Render(page, shot, 1280, 2400);

        // The DOM after rendering still has every chart and table (nothing was blocked or rewritten).
        Regex.Count(dom, "<svg ").Should().Be(5);
        dom.Should().Contain("<h1>digits_cnn <span class=\"verdict fail\">");
        Regex.Count(dom, "<tr>").Should().BeGreaterThan(40);

        // The screenshot shows the page: the red verdict badge (#cf222e), blue chart marks (#0969da) and the grey panels (#f6f8fa).
        var png = PngPixels.Read(shot);
        png.Width.Should().Be(1280);
        png.Count(0xcf, 0x22, 0x2e).Should().BeGreaterThan(500, "the failing verdict badge and pill are red");
        png.Count(0x09, 0x69, 0xda, tolerance: 40).Should().BeGreaterThan(1000, "chart bars and points are blue");
        png.Count(0xf6, 0xf8, 0xfa, tolerance: 2).Should().BeGreaterThan(50_000, "cards and chart panels are drawn");
    }
}
