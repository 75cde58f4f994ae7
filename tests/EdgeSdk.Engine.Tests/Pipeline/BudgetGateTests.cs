// The gate's verdicts on hand-made measurements: each budget kind judged in the recipe's units, misses
// located at the budget, warning-only budgets as warnings, and the implicit target RAM/storage fit.
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Engine.Tests.Pipeline;

public class BudgetGateTests
{
    private static readonly SourceLocation At = new("recipe.yaml", 12, 30);

    private static readonly StageMeasurement Baseline = Stage(accuracy: 0.990, p90: 2.0, bytes: 400_000, peak: 500_000);

    [Theory]
    [InlineData(nameof(BudgetKind.AccuracyDropAbsolute), 0.005, 0.986, true)]   // 0.4 points drop within 0.5
    [InlineData(nameof(BudgetKind.AccuracyDropAbsolute), 0.005, 0.984, false)]  // 0.6 points drop
    [InlineData(nameof(BudgetKind.AccuracyDropRelative), 0.01, 0.9802, true)]   // 0.99% relative
    [InlineData(nameof(BudgetKind.AccuracyDropRelative), 0.01, 0.9790, false)]  // 1.11% relative
    [InlineData(nameof(BudgetKind.AccuracyFloor), 0.98, 0.980, true)]
    [InlineData(nameof(BudgetKind.AccuracyFloor), 0.98, 0.979, false)]
    public void AccuracyBudgetsAreJudgedInTheirOwnKind(string kindName, double limit, double finalAccuracy, bool passes)
    {
        var kind = Enum.Parse<BudgetKind>(kindName);
        var (outcomes, diagnostics) = BudgetGate.Judge([Budget(kind, limit)], Baseline, Stage(finalAccuracy, 1.0, 100_000, 200_000), "report.md");
        outcomes.Single().Passed.Should().Be(passes);
        if (passes)
        {
            diagnostics.Should().BeEmpty();
        }
        else
        {
            diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5001" && d.Location == At && d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void LatencySizeMemoryAndMacsCompareTheFinalModelWithTheLimit()
    {
        var final = Stage(0.99, p90: 1.5, bytes: 120_000, peak: 300_000) with { Macs = 2_000_000 };
        var (outcomes, _) = BudgetGate.Judge(
            [Budget(BudgetKind.LatencyP90, 1.4), Budget(BudgetKind.ModelSize, 120_000), Budget(BudgetKind.PeakMemory, 299_999), Budget(BudgetKind.Macs, 2_000_000)],
            Baseline, final, "report.md");
        outcomes.Select(o => (o.Actual, o.Passed)).Should().Equal((1.5, false), (120_000, true), (300_000, false), (2_000_000, true));
        outcomes[0].Explanation.Should().Contain("p90").And.Contain("1.5 ms").And.Contain("1.4 ms");
    }

    [Fact]
    public void WarningOnlyBudgetGivesAWarningNotAnError()
    {
        var budget = Budget(BudgetKind.LatencyP90, 0.5) with { Severity = DiagnosticSeverity.Warning };
        var (_, diagnostics) = BudgetGate.Judge([budget], Baseline, Stage(0.99, 1.0, 1, 1), "report.md");
        diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5002" && d.Severity == DiagnosticSeverity.Warning);
    }

    [Fact]
    public void AMetricThatWasNotMeasuredCannotPass()
    {
        var (outcomes, diagnostics) = BudgetGate.Judge([Budget(BudgetKind.AccuracyFloor, 0.9) with { Metric = "F1Score" }], Baseline, Stage(0.99, 1, 1, 1), "report.md");
        outcomes.Single().Passed.Should().BeFalse();
        diagnostics.Single().Code.Should().Be("EDGE5003");
        diagnostics.Single().Message.Should().Contain("F1Score");
    }

    [Fact]
    public void TheFinalModelMustFitTheTargetsRamAndStorage()
    {
        var target = new TargetProfile { Name = "mcu", RamBytes = 256_000, StorageBytes = 1_000_000 };
        var (outcomes, diagnostics) = BudgetGate.JudgeTargetFit(target, At, Stage(0.99, 1, bytes: 900_000, peak: 300_000));
        outcomes.Select(o => (o.Name, o.Passed)).Should().Equal(("target.storage", true), ("target.ram", false));
        diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5004" && d.Location == At && d.Message.Contains("300 KB") && d.Message.Contains("256 KB"));
    }

    private static BudgetSpec Budget(BudgetKind kind, double limit) => new()
    {
        Name = kind.ToString(),
        Kind = kind,
        Metric = "accuracy",
        Limit = limit,
        Text = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Location = At,
    };

    private static StageMeasurement Stage(double accuracy, double p90, long bytes, long peak) => new()
    {
        Name = "stage",
        Sha256 = "0",
        Bytes = bytes,
        PeakMemoryBytes = peak,
        Metrics = new SortedDictionary<string, double> { ["accuracy"] = accuracy },
        Latency = new LatencySummary { P50Ms = p90 * 0.9, P90Ms = p90, P99Ms = p90 * 1.1, Runs = 100, Batch = 1, Threads = 1 },
    };
}
