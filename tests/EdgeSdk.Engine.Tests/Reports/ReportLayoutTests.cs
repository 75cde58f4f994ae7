// report.html reads well at 1280 px on a real pipeline run (fuse + static quantize) of a model whose layers
// carry 80-character TensorFlow/Paddle-style names: headless Chromium lays the page out and a script added
// to a copy of it (the report itself allows no script) measures it. Nothing overflows the page sideways, no
// chart label leaves its chart or overlaps another, long names wrap or are shortened with the full name
// kept, and the per-layer tables show the heaviest layers with the rest folded.
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeSdk.Engine.Tests.Hostile;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Reports;
using EdgeSdk.Tests;
using Xunit.Abstractions;

namespace EdgeSdk.Engine.Tests.Reports;

public sealed class ReportLayoutTests(ITestOutputHelper output)
{
    // Runs after layout with every <details> opened (the strictest case), then appends its findings as JSON.
    private const string MeasureScript = """
        <script>
        (() => {
          const out = { viewport: window.innerWidth, closedScrollWidth: document.documentElement.scrollWidth };
          document.querySelectorAll('details').forEach(d => d.open = true);
          out.scrollWidth = document.documentElement.scrollWidth;
          out.scrolling = [...document.querySelectorAll('.scroll')].filter(e => e.scrollWidth > e.clientWidth + 1)
            .map(e => e.scrollWidth + ' > ' + e.clientWidth + ': ' + e.textContent.slice(0, 80));
          out.svgs = 0; out.texts = 0; out.outside = []; out.overlaps = [];
          const own = t => [...t.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('');
          document.querySelectorAll('svg').forEach(svg => {
            out.svgs++;
            const s = svg.getBoundingClientRect();
            const labels = [...svg.querySelectorAll('text')].map(t => ({ text: own(t), r: t.getBoundingClientRect() }));
            out.texts += labels.length;
            const chart = svg.getAttribute('aria-label');
            for (const l of labels) {
              if (l.r.left < s.left - 0.5 || l.r.right > s.right + 0.5 || l.r.top < s.top - 0.5 || l.r.bottom > s.bottom + 0.5) {
                out.outside.push(chart + ': "' + l.text + '" [' + [l.r.left - s.left, l.r.right - s.left, l.r.top - s.top, l.r.bottom - s.top].map(v => v.toFixed(1)) + '] in ' + s.width.toFixed(0) + 'x' + s.height.toFixed(0));
              }
            }
            for (let i = 0; i < labels.length; i++) {
              for (let j = i + 1; j < labels.length; j++) {
                const a = labels[i].r, b = labels[j].r;
                const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
                if (w > 0.5 && h > 0.5) out.overlaps.push(chart + ': "' + labels[i].text + '" and "' + labels[j].text + '" share ' + w.toFixed(1) + 'x' + h.toFixed(1) + ' px');
              }
            }
          });
          const pre = document.createElement('pre');
          pre.id = 'layout-check';
          pre.textContent = JSON.stringify(out);
          document.body.appendChild(pre);
        })();
        </script>
        """;

    [Fact]
    public void AReportOfLongLayerNamesFits1280PixelsWithoutOverlaps()
    {
        var model = ModelFile.Load(TestPaths.Model("digits_cnn"));
        for (var i = 0; i < model.Graph.Node.Count; i++)
        {
            model.Graph.Node[i].Name = LongName(i, model.Graph.Node[i].OpType);
        }

        var result = PipelineKit.Run(model, "  - fuse\n  - quantize: {mode: static}");
        var layers = result.Finish.Manifest.Final.Layers!;
        layers.Count.Should().BeGreaterThan(HtmlReportWriter.LayerRowsShown, "the final (QDQ) model has enough layers for its table to fold");
        layers.Should().Contain(l => l.Name.Length >= 80, "the report shows the long names");
        var html = File.ReadAllText(Path.Combine(result.OutputDirectory, "report.html"));

        // Shortened chart labels keep the full layer name as their tooltip; the tables show it whole.
        var heaviest = layers.Where(l => l.Macs > 0).MaxBy(l => l.Macs)!.Name;
        Regex.IsMatch(html, $"<text [^>]*><title>{Regex.Escape(WebUtility.HtmlEncode(heaviest))}</title>[^<]+…[^<]+</text>").Should().BeTrue("the bar label is shortened in the middle and keeps the full name");
        html.Should().Contain($"<code>{WebUtility.HtmlEncode(heaviest)}</code>");

        // Each stage's layer table shows the top rows; the rest are folded in a nested <details>.
        var manifest = result.Finish.Manifest;
        manifest.Stages.Should().HaveCount(3).And.OnlyContain(s => s.Layers != null && s.Layers.Count > 0);
        Regex.Count(html, "<details class=\"more\"><summary>\\d+ more layer\\(s\\)</summary>").Should().Be(manifest.Stages.Count(s => s.Layers!.Count > HtmlReportWriter.LayerRowsShown)).And.BeGreaterThan(0);
        var finalTable = html[html.IndexOf("Per-layer diagnostics", StringComparison.Ordinal)..];
        finalTable = finalTable[..finalTable.IndexOf("</table>", StringComparison.Ordinal)];
        Regex.Count(finalTable, "<tr><td class=\"rank\">").Should().Be(HtmlReportWriter.LayerRowsShown);

        AssertReadsWellAt1280(html, "report-long-names");
    }

    [Fact]
    public void ALatencyTailNoteAndLongNamesInASampleReportFit1280PixelsWithoutOverlaps()
    {
        // A few fast runs, a tight body and one run far beyond the histogram's axis (a descheduled run): p50, p90
        // and p99 sit together at the right of the plot, under the note on the left-out run.
        double[] samples = [.. Enumerable.Repeat(0.05, 5), .. Enumerable.Range(0, 94).Select(i => 0.1 + (0.001 * (i % 7))), 0.6];
        var sorted = samples.Order().ToArray();
        var manifest = ManifestSamples.ThreeStages();
        var stages = manifest.Stages.Select(s => s with
        {
            Layers = s.Layers!.Select((l, i) => l with { Name = LongName(i, l.OpType) }).ToList(),
            Latency = s.Latency! with
            {
                SamplesMs = samples,
                P50Ms = LatencyStatistics.Percentile(sorted, 50),
                P90Ms = LatencyStatistics.Percentile(sorted, 90),
                P99Ms = LatencyStatistics.Percentile(sorted, 99),
                MinMs = sorted[0],
                MaxMs = sorted[^1],
            },
        }).ToList();
        manifest = manifest with { Stages = stages };
        var html = HtmlReportWriter.Render(manifest, ["quantize: 1 Gemm kept in float (accuracy fallback)"], "AMD EPYC 7B13 (X64, avx2 fma)");
        html.Should().Contain("not shown", "the sample's slow runs lie beyond the histogram's axis");

        AssertReadsWellAt1280(html, "report-sample-long-names");
    }

    private void AssertReadsWellAt1280(string html, string name)
    {
        var dir = Path.Combine(TestPaths.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(dir);
        var page = Path.Combine(dir, name + ".html");
        var measured = Regex.Replace(html, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>", string.Empty);
        measured.Should().NotBe(html, "the copy drops the policy that forbids the measuring script");
        File.WriteAllText(page, measured.Replace("</body>", MeasureScript + "</body>", StringComparison.Ordinal));
        var dom = HeadlessChromium.Render(page, Path.Combine(dir, name + ".png"), 1280, 800);

        var json = Regex.Match(dom, "<pre id=\"layout-check\">(.*?)</pre>", RegexOptions.Singleline);
        json.Success.Should().BeTrue("the measuring script ran");
        using var doc = JsonDocument.Parse(WebUtility.HtmlDecode(json.Groups[1].Value));
        var check = doc.RootElement;
        output.WriteLine(check.ToString());
        string[] List(string property) => check.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToArray();

        check.GetProperty("viewport").GetInt32().Should().Be(1280);
        check.GetProperty("svgs").GetInt32().Should().BeGreaterThanOrEqualTo(5, "scatter, size, two histograms and heaviest layers");
        check.GetProperty("texts").GetInt32().Should().BeGreaterThan(60);
        check.GetProperty("closedScrollWidth").GetInt32().Should().BeLessThanOrEqualTo(1280, "the page does not scroll sideways");
        check.GetProperty("scrollWidth").GetInt32().Should().BeLessThanOrEqualTo(1280, "nor with every section unfolded");
        List("scrolling").Should().BeEmpty("every table fits the page without its own scroll bar");
        List("outside").Should().BeEmpty("every chart label lies inside its chart");
        List("overlaps").Should().BeEmpty("no two chart labels overlap");
    }

    // An 80-character name in the style of TensorFlow/paddle2onnx exports: a long shared path, a distinct end.
    private static string LongName(int index, string opType)
    {
        var tail = $"/block_{index}/{opType.ToLowerInvariant()}_{index}/{opType}";
        const string Path = "StatefulPartitionedCall/model/ppocr_v4_rec/backbone/PPLCNetV3/depthwise_separable_conv/layers";
        return Path[..(80 - tail.Length)] + tail;
    }
}
