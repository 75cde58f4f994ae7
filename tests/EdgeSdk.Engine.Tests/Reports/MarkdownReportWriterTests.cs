// report.md as a pull-request comment: verdict, baseline vs final, budgets with ✅/❌, each pass's effect.
using EdgeSdk.Reports;

namespace EdgeSdk.Engine.Tests.Reports;

public class MarkdownReportWriterTests
{
    private static readonly string Report = MarkdownReportWriter.Render(ManifestSamples.ThreeStages(), ["quantize: 1 Gemm kept in float (accuracy fallback)"], "AMD EPYC (avx2)");

    [Fact]
    public void LeadsWithTheVerdict()
    {
        Report.Split('\n')[0].Should().Be("### EdgeSdk · `digits_cnn` for `arm-a53` · ❌ 1 of 3 budgets missed");
        MarkdownReportWriter.Render(ManifestSamples.ThreeStages(sizeBudgetPasses: true), []).Should().StartWith("### EdgeSdk · `digits_cnn` for `arm-a53` · ✅ 3 of 3 budgets met");
    }

    [Fact]
    public void BaselineVsFinalRowsSayWhichWayIsBetter()
    {
        Report.Should().Contain("| accuracy | 99.5% | 99.25% | ▼ −0.25 pt worse |");
        Report.Should().Contain("| size | 381.2 KB | 101.5 KB | ▼ −73% (3.8× smaller) better |");
        Report.Should().MatchRegex(@"\| latency p90 \(batch 1, 1 thread\) \| 0\.\d+ ms \| 0\.\d+ ms \| ▼ −\d+% \(1\.\d× faster\) better \|");
        Report.Should().Contain("| MACs / sample | 2.38 M | 2.38 M | = |");
    }

    [Fact]
    public void SaysWhetherTheFinalModelFitsTheTarget() =>
        Report.Should().Contain("On `arm-a53`: ✅ peak memory 140.5 KB of 256 KB RAM · ✅ model 101.5 KB of 4000 MB storage");

    [Fact]
    public void EveryBudgetHasAMark()
    {
        Report.Should().Contain("| ✅ | accuracy_drop | 1pt | 0.25 points worse |");
        Report.Should().Contain("| ❌ | size | 90KB | 101.5 KB |");
    }

    [Fact]
    public void EachPassShowsItsEffectAgainstTheStageBefore()
    {
        var fuse = Report.Split('\n').Single(l => l.StartsWith("| 1 | fuse |", StringComparison.Ordinal));
        fuse.Should().Contain("| = |").And.Contain("| folded 3 BatchNormalization into Conv (+1 more) |");
        Report.Should().Contain("<details><summary>What each pass did</summary>").And.Contain("1. **fuse**\n   - folded 3 BatchNormalization into Conv\n   - removed 2 Identity\n");
        var quantize = Report.Split('\n').Single(l => l.StartsWith("| 2 | quantize |", StringComparison.Ordinal));
        quantize.Should().Contain("▼ −0.25 pt worse").And.Contain("(3.7× smaller) better");
    }

    [Fact]
    public void IsShortAndFoldsTheRest()
    {
        Report.Should().Contain("- ⚠️ quantize: 1 Gemm kept in float (accuracy fallback)");
        Report.Should().Contain("<details><summary>All figures</summary>").And.Contain("| LogLoss |");
        Report[..Report.IndexOf("<details>", StringComparison.Ordinal)].Split('\n').Length.Should().BeLessThan(32, "what shows before the fold fits a PR comment without scrolling far");
        Report.Should().Contain("roofline estimate for `arm-a53`, not a measurement").And.Contain("on AMD EPYC (avx2)");
    }

    [Fact]
    public void ALongPassSummaryStaysShortInTheTableAndIsFoldedInFull()
    {
        // The shape of a real quantize summary: many facts joined by "; " in one line.
        var facts = new[]
        {
            "target 'x86-avx2' defaults: activation_type=uint8, symmetric=false, per_channel=true, weight_bits=7 (reduce_range: target 'x86-avx2' has no VNNI)",
            "accuracy 99.25% meets the budget (≥ 98.5%)",
            "static QDQ: 3 Conv/Gemm/MatMul and 3 other node(s) quantized",
            "calibration: minmax over 100 sample(s), 4 tensor(s)",
        };
        var manifest = ManifestSamples.ThreeStages() with
        {
            Passes = [new ManifestPass("quantize", "quantize", "ran", 0.6, [string.Join("; ", facts)], new SortedDictionary<string, double>())],
        };
        var report = MarkdownReportWriter.Render(manifest, []);
        var row = report.Split('\n').Single(l => l.StartsWith("| 1 | quantize |", StringComparison.Ordinal));
        var cell = row.TrimEnd('|', ' ')[(row.TrimEnd('|', ' ').LastIndexOf('|') + 2)..];
        cell.Length.Should().BeLessThanOrEqualTo(MarkdownReportWriter.EffectCellLength + " (+3 more)".Length);
        cell.Should().StartWith("target 'x86-avx2' defaults:").And.EndWith("… (+3 more)");
        var folded = report[report.IndexOf("<summary>What each pass did</summary>", StringComparison.Ordinal)..];
        foreach (var fact in facts)
        {
            folded.Should().Contain("   - " + fact + "\n");
        }
    }

    [Fact]
    public void IsDeterministic() =>
        MarkdownReportWriter.Render(ManifestSamples.ThreeStages(), ["w"]).Should().Be(MarkdownReportWriter.Render(ManifestSamples.ThreeStages(), ["w"]));
}
