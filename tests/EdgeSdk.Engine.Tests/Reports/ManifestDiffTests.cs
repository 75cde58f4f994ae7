// `edgesdk diff`: thresholds parse with their units, changes carry their direction, and only a change
// worse than its threshold counts as a regression; manifests load from files and output folders.
using EdgeSdk.Diagnostics;
using EdgeSdk.Reports;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Reports;

public class ManifestDiffTests
{
    private static Manifest Base => ManifestSamples.ThreeStages();

    // HEAD: accuracy 99.25% -> 98.5% (-0.75 pt), p90 up ~40%, size down to 95 KB.
    private static Manifest Head => Base with
    {
        Stages = [Base.Stages[0], Base.Stages[1], ManifestSamples.Stage("quantize", 0.985, 0.30, 95_000, 3)],
    };

    [Fact]
    public void ThresholdsParseWithTheirUnits()
    {
        var t = RegressionThreshold.ParseList("accuracy=0.5pt, latency_p90=10%, size=20KB, p99=2ms, memory=1.5MB");
        t.Select(x => (x.Key, x.Kind)).Should().Equal(
            ("accuracy", ThresholdKind.Points), ("latency_p90", ThresholdKind.Percent), ("size", ThresholdKind.Absolute), ("latency_p99", ThresholdKind.Absolute), ("memory", ThresholdKind.Absolute));
        t.Select(x => x.Amount).Should().Equal([0.005, 0.1, 20_000, 2, 1_500_000], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Theory]
    [InlineData("accuracy", "figure=amount")]
    [InlineData("accuracy=5apples", "'apples' is not a unit")]
    public void MalformedThresholdsAreEdge5202Errors(string spec, string message)
    {
        var act = () => RegressionThreshold.ParseList(spec);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5202" && d.Message.Contains(message));
    }

    [Fact]
    public void AThresholdOnAFigureNotMeasuredListsTheKnownOnes()
    {
        var act = () => ManifestDiff.Compare([Base], [Head], RegressionThreshold.ParseList("acuracy=1pt"));
        act.Should().Throw<EdgeException>().Which.Message.Should().Contain("'acuracy' is not measured").And.Contain("latency_p90");
    }

    [Fact]
    public void OnlyChangesWorseThanTheirThresholdAreRegressions()
    {
        var diff = ManifestDiff.Compare([Base], [Head], RegressionThreshold.ParseList("accuracy=0.5pt,latency_p90=10%,size=5%")).Single();

        diff.Regressions.Select(r => r.Measure.Key).Should().Equal("accuracy", "latency_p90");
        var size = diff.Rows.Single(r => r.Measure.Key == "size");
        size.Change.Direction.Should().Be(ChangeDirection.Better);
        size.Exceeded.Should().BeNull("size got smaller");
        diff.Rows.Single(r => r.Measure.Key == "accuracy").Change.Text.Should().Be("▼ −0.75 pt worse");

        ManifestDiff.Compare([Base], [Head], RegressionThreshold.ParseList("accuracy=1pt,latency_p90=50%")).Single().Regressions.Should().BeEmpty();
    }

    [Fact]
    public void MarkdownMarksDirectionRegressionsBudgetFlipsAndPassChanges()
    {
        var head = Head with
        {
            Budgets = [.. Base.Budgets.Take(2), Base.Budgets[2] with { Passed = true, Actual = 95_000 }],
            Passes = [Base.Passes[0]],
        };
        var thresholds = RegressionThreshold.ParseList("accuracy=0.5pt");
        var md = ManifestDiff.ToMarkdown(ManifestDiff.Compare([Base], [head], thresholds), thresholds);

        md.Should().StartWith("### EdgeSdk diff · ❌ 1 regression beyond --fail-on");
        md.Should().Contain("#### `digits_cnn` for `arm-a53`");
        md.Should().Contain("| accuracy | 99.25% | 98.5% | ▼ −0.75 pt worse ❌ exceeds accuracy=0.5pt |");
        md.Should().Contain("| size | 101.5 KB | 95 KB | ▼ −6.4% better |");
        md.Should().MatchRegex(@"\| latency p90 \| 0\.\d+ ms \| 0\.\d+ ms \| ▲ \+\d+% worse \|");
        md.Should().Contain("- `size`: ❌ 90KB → ✅ 90KB");
        md.Should().Contain("**Passes:** fuse → quantize ⟶ fuse");
    }

    [Fact]
    public void FoldersOfOutputsAreMatchedByModel()
    {
        var root = TestPaths.NewTempDir();
        void Write(string side, Manifest m)
        {
            var dir = Path.Combine(root, side, m.Model);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "manifest.json"), m.ToJson());
        }

        Write("base", Base);
        Write("base", Base with { Model = "old_model" });
        Write("head", Head);
        Write("head", Base with { Model = "new_model" });

        var diffs = ManifestDiff.Compare(ManifestSource.Load(Path.Combine(root, "base")), ManifestSource.Load(Path.Combine(root, "head")), []);

        diffs.Select(d => d.Model).Should().Equal("digits_cnn", "new_model", "old_model");
        diffs[0].Rows.Single(r => r.Measure.Key == "accuracy").Head.Should().Be(0.985, "the manifest round-trips through JSON");
        ManifestDiff.ToMarkdown(diffs, []).Should().Contain("#### `new_model` — new in HEAD").And.Contain("#### `old_model` — removed in HEAD");
        ManifestSource.Load(Path.Combine(root, "head", "digits_cnn")).Single().Model.Should().Be("digits_cnn");
    }

    [Fact]
    public void AMissingOrBrokenManifestIsAnEdge5010Error()
    {
        var root = TestPaths.NewTempDir();
        var broken = Path.Combine(root, "manifest.json");
        File.WriteAllText(broken, "{ \"schema\": 1, ");
        var act = () => ManifestSource.Load(broken);
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5010" && d.Message.Contains("manifest.json"));
        var missing = () => ManifestSource.Load(Path.Combine(root, "nope"));
        missing.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE5010");
    }
}
