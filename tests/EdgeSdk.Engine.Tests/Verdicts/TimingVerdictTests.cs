// Timing budgets are judged on confidence intervals: met when the whole interval clears the limit, missed
// when it lies beyond, otherwise inconclusive (EDGE5005, an error only with strict: true); speedups compare
// the input and final models timed in the same run; a stage slower than its input beyond noise warns (EDGE5006).
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class TimingVerdictTests
{
    private static readonly SourceLocation At = new("recipe.yaml", 14, 20);

    [Theory]
    [InlineData(4.0, 4.4, 5.0, "met", 0)]
    [InlineData(5.2, 5.9, 5.0, "missed", 1)]
    [InlineData(4.6, 5.3, 5.0, "inconclusive", 1)]
    public void LatencyBudgetsAreJudgedOnTheWholeInterval(double low, double high, double limit, string verdict, int diagnostics)
    {
        var final = Stage("final", p90: (low + high) / 2, p90Ci: new ConfidenceInterval(low, high));
        var (outcomes, found) = BudgetGate.Judge([Budget(BudgetKind.LatencyP90, limit)], Stage("baseline", 10, new ConfidenceInterval(9, 11)), final, "report.md");
        outcomes.Single().Verdict.Should().Be(verdict);
        outcomes.Single().Interval.Should().Be(new ConfidenceInterval(low, high));
        found.Should().HaveCount(diagnostics);
        if (verdict == "missed")
        {
            found.Single().Code.Should().Be("EDGE5001");
        }
    }

    [Fact]
    public void InconclusiveWarnsUnlessStrict()
    {
        var final = Stage("final", p90: 5, p90Ci: new ConfidenceInterval(4.6, 5.3));
        var baseline = Stage("baseline", 10, new ConfidenceInterval(9, 11));
        var (lenient, warnings) = BudgetGate.Judge([Budget(BudgetKind.LatencyP90, 5)], baseline, final, "report.md");
        warnings.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5005" && d.Severity == DiagnosticSeverity.Warning && d.Location == At);
        warnings.Single().Message.Should().Contain("inconclusive").And.Contain("4.6 ms–5.3 ms").And.Contain("strict: true");
        lenient.Single().Passed.Should().BeTrue("a non-strict inconclusive budget does not fail the build");

        var (strict, errors) = BudgetGate.Judge([Budget(BudgetKind.LatencyP90, 5) with { Strict = true }], baseline, final, "report.md");
        errors.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE5005" && d.Severity == DiagnosticSeverity.Error);
        strict.Single().Passed.Should().BeFalse();
    }

    [Theory]
    [InlineData(2.0, 2.1, 1.0, 1.05, 1.5, "met")]        // speedup 1.90x–2.10x
    [InlineData(2.0, 2.1, 1.6, 1.7, 1.5, "missed")]      // 1.18x–1.31x
    [InlineData(2.0, 2.2, 1.3, 1.5, 1.5, "inconclusive")] // 1.33x–1.69x
    public void SpeedupBudgetsCompareTheStagesOfOneRun(double baseLow, double baseHigh, double finalLow, double finalHigh, double limit, string verdict)
    {
        var baseline = Stage("baseline", (baseLow + baseHigh) / 2, null) with { Latency = Latency((baseLow + baseHigh) / 2, new ConfidenceInterval(baseLow, baseHigh)) };
        var final = Stage("final", (finalLow + finalHigh) / 2, null) with { Latency = Latency((finalLow + finalHigh) / 2, new ConfidenceInterval(finalLow, finalHigh)) };
        var outcome = BudgetGate.Judge([Budget(BudgetKind.Speedup, limit)], baseline, final, "report.md").Outcomes.Single();
        outcome.Verdict.Should().Be(verdict);
        outcome.Actual.Should().BeApproximately(((baseLow + baseHigh) / 2) / ((finalLow + finalHigh) / 2), 1e-9);
        outcome.Interval!.Low.Should().BeApproximately(baseLow / finalHigh, 1e-9);
    }

    [Fact]
    public void SpeedupBudgetsReadFromTheRecipe()
    {
        var result = new EdgeSdk.Tests.Recipes.RecipeTestFiles().Load("""
            recipe: 1
            budgets:
              - speedup: {min: 1.5x}
              - speedup: {min: 2x, percentile: p90, strict: true, name: p90-speedup}
              - latency: {p90: 5 ms, strict: true}
            """);
        result.Diagnostics.Should().BeEmpty();
        result.Recipe!.Budgets.Select(b => (b.Kind, b.Limit, b.TimedPercentile, b.Strict)).Should().Equal(
            (BudgetKind.Speedup, 1.5, "p50", false), (BudgetKind.Speedup, 2.0, "p90", true), (BudgetKind.LatencyP90, 5.0, "p90", true));
    }

    [Fact]
    public void AStageSlowerThanItsInputBeyondNoiseWarnsNamingThePassFactorAndHost()
    {
        var fused = Stage("fuse", 1.0, null) with { Latency = Latency(1.0, new ConfidenceInterval(0.98, 1.02)) };
        var quantized = Stage("quantize", 1.1, null) with { Latency = Latency(1.1, new ConfidenceInterval(1.08, 1.12)) };
        var noisy = Stage("prune", 1.12, null) with { Latency = Latency(1.12, new ConfidenceInterval(1.0, 1.25)) };
        var pass = new SourceLocation("recipe.yaml", 20, 5);
        var warnings = StageSlowdowns.Find([Stage("baseline", 1.2, null) with { Latency = Latency(1.2, new ConfidenceInterval(1.18, 1.22)) }, fused, quantized, noisy], [null, pass, null], "AMD EPYC 7B13 (avx avx2 fma)");

        var w = warnings.Single();
        (w.Code, w.Severity, w.Location).Should().Be(("EDGE5006", DiagnosticSeverity.Warning, pass));
        w.Message.Should().Contain("Pass 'quantize'").And.Contain("0.91x the speed").And.Contain("1.1x the p50 latency").And.Contain("AMD EPYC 7B13 (avx avx2 fma)");
    }

    private static BudgetSpec Budget(BudgetKind kind, double limit) => new()
    {
        Name = kind.ToString(),
        Kind = kind,
        Limit = limit,
        Text = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Location = At,
    };

    private static LatencySummary Latency(double p50, ConfidenceInterval ci) => new() { P50Ms = p50, P90Ms = p50, P99Ms = p50, P50Ci = ci, P90Ci = ci, P99Ci = ci, Runs = 200, Batch = 1, Threads = 1, Rounds = 20 };

    private static StageMeasurement Stage(string name, double p90, ConfidenceInterval? p90Ci) => new()
    {
        Name = name,
        Sha256 = name,
        Latency = new LatencySummary { P50Ms = p90, P90Ms = p90, P99Ms = p90, P90Ci = p90Ci, Runs = 200, Batch = 1, Threads = 1 },
    };
}
