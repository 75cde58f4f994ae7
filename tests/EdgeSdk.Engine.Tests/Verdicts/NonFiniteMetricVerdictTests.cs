// Metric budgets on non-finite values, with known answers for a lower-is-better metric (binary LogLoss,
// which ML.NET leaves unclipped: ∞ when the true class got a probability of exactly 0) and a
// higher-is-better one (RSquared, -∞ on constant labels): equal values, ∞ = ∞ included, are no change and
// meet a drop budget; finite → a worse ∞ misses it; ∞ → a better finite value meets it; NaN is undefined:
// its own code (EDGE5007), never passed, never "NaN points" in any text. The accuracy-aware passes' goals
// follow the same rule, and the report's stage comparison says "=" for ∞ = ∞.
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Passes;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class NonFiniteMetricVerdictTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NegInf = double.NegativeInfinity;

    // metric, budget kind, limit, before, after, expected verdict, expected actual (null when undefined)
    public static TheoryData<string, string, double, double, double, string, double?> Cases => new()
    {
        // lower is better: binary LogLoss
        { "LogLoss", "AccuracyDropAbsolute", 0.05, Inf, Inf, "met", 0 },
        { "LogLoss", "AccuracyDropAbsolute", 0.05, 0.3, Inf, "missed", Inf },
        { "LogLoss", "AccuracyDropAbsolute", 0.05, Inf, 0.3, "met", NegInf },
        { "LogLoss", "AccuracyDropAbsolute", 0.05, double.NaN, 0.3, "undefined", null },
        { "LogLoss", "AccuracyDropAbsolute", 0.05, 0.3, double.NaN, "undefined", null },
        { "LogLoss", "AccuracyDropRelative", 0.10, Inf, Inf, "met", 0 },
        { "LogLoss", "AccuracyDropRelative", 0.10, 0.3, Inf, "missed", Inf },
        { "LogLoss", "AccuracyDropRelative", 0.10, Inf, 0.3, "met", -1 },
        { "LogLoss", "AccuracyDropRelative", 0.10, double.NaN, double.NaN, "undefined", null },
        { "LogLoss", "AccuracyCeiling", 0.5, 0.3, Inf, "missed", Inf },
        { "LogLoss", "AccuracyCeiling", 0.5, Inf, 0.3, "met", 0.3 },
        { "LogLoss", "AccuracyCeiling", 0.5, 0.3, double.NaN, "undefined", null },

        // higher is better: RSquared
        { "RSquared", "AccuracyDropAbsolute", 0.02, NegInf, NegInf, "met", 0 },
        { "RSquared", "AccuracyDropAbsolute", 0.02, 0.5, NegInf, "missed", Inf },
        { "RSquared", "AccuracyDropAbsolute", 0.02, NegInf, 0.5, "met", NegInf },
        { "RSquared", "AccuracyDropAbsolute", 0.02, double.NaN, 0.5, "undefined", null },
        { "RSquared", "AccuracyDropRelative", 0.10, NegInf, NegInf, "met", 0 },
        { "RSquared", "AccuracyDropRelative", 0.10, 0.5, NegInf, "missed", Inf },
        { "RSquared", "AccuracyDropRelative", 0.10, NegInf, 0.5, "met", -1 },
        { "RSquared", "AccuracyDropRelative", 0.10, 0.5, double.NaN, "undefined", null },
        { "RSquared", "AccuracyFloor", 0.4, 0.5, NegInf, "missed", NegInf },
        { "RSquared", "AccuracyFloor", 0.4, NegInf, 0.5, "met", 0.5 },
        { "RSquared", "AccuracyFloor", 0.4, double.NaN, 0.5, "met", 0.5 }, // a floor reads the final level only
        { "RSquared", "AccuracyFloor", 0.4, 0.5, double.NaN, "undefined", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DropsFloorsAndCeilingsJudgeNonFiniteValuesInTheMetricsDirection(string metric, string kindName, double limit, double before, double after, string expected, double? actual)
    {
        var budget = Budget(Enum.Parse<BudgetKind>(kindName), metric, limit, DiagnosticSeverity.Error);
        var (outcomes, diagnostics) = BudgetGate.Judge([budget], Stage(metric, before), Stage(metric, after), "report.md");
        var outcome = outcomes.Single();

        outcome.Passed.Should().Be(expected == "met");
        outcome.Verdict.Should().Be(expected switch { "met" => BudgetOutcome.Met, "missed" => BudgetOutcome.Missed, _ => BudgetOutcome.Inconclusive });
        outcome.Actual.Should().Be(actual);
        var codes = diagnostics.Select(d => d.Code).ToList();
        codes.Should().Equal(expected switch
        {
            "met" => [],
            "missed" => [DiagnosticCatalog.Evaluation.BudgetMissed.Code],
            _ => new[] { DiagnosticCatalog.Evaluation.MetricUndefined.Code },
        });
        diagnostics.Should().NotContain(d => d.Severity != DiagnosticSeverity.Error);

        // No text prints NaN or infinity as a number ("NaN points", "from NaN", "Infinity"): ∞, and NaN only as "undefined (NaN)".
        var texts = diagnostics.Select(d => d.Message).Append(outcome.Explanation).Append(outcome.Advice ?? string.Empty).Append(BudgetText.Actual(outcome)).ToList();
        string[] forbidden = ["NaN points", "NaN%", "NaN worse", "NaN better", "went from NaN", "to NaN,", "to NaN)", "NaN dB", "Infinity", "∞ points"];
        texts.Should().NotContain(t => forbidden.Any(f => t.Contains(f, StringComparison.Ordinal)));
        if (expected == "undefined")
        {
            diagnostics.Single().Message.Should().Contain($"{metric} is undefined (NaN)").And.Contain("cannot be judged");
            BudgetText.Actual(outcome).Should().Be("undefined (NaN), inconclusive");
        }
    }

    [Fact]
    public void TheTextsSayInfinityInTheMetricsUnitsAndDirection()
    {
        var (_, worse) = BudgetGate.Judge([Budget(BudgetKind.AccuracyDropAbsolute, "LogLoss", 0.05)], Stage("LogLoss", 0.3), Stage("LogLoss", Inf), "report.md");
        worse.Single().Message.Should().Contain("LogLoss went from 0.3 to ∞, ∞ worse; the recipe allows 0.05 worse");

        var (same, none) = BudgetGate.Judge([Budget(BudgetKind.AccuracyDropAbsolute, "LogLoss", 0.05)], Stage("LogLoss", Inf), Stage("LogLoss", Inf), "report.md");
        none.Should().BeEmpty();
        same.Single().Explanation.Should().Contain("from ∞ to ∞, no change");
        BudgetText.Actual(same.Single()).Should().Be("no change");

        var (better, _) = BudgetGate.Judge([Budget(BudgetKind.AccuracyDropRelative, "LogLoss", 0.1)], Stage("LogLoss", Inf), Stage("LogLoss", 0.3), "report.md");
        better.Single().Explanation.Should().Contain("from ∞ to 0.3, 100% better");
        BudgetText.Actual(better.Single()).Should().Be("100% better");
    }

    [Fact]
    public void AnUndefinedMetricUnderAWarningBudgetWarnsWithItsCodeAndStillDoesNotPass()
    {
        var (outcomes, diagnostics) = BudgetGate.Judge([Budget(BudgetKind.AccuracyDropAbsolute, "AreaUnderRocCurve", 0.01, DiagnosticSeverity.Warning)], Stage("AreaUnderRocCurve", 0.9), Stage("AreaUnderRocCurve", double.NaN), "report.md");

        outcomes.Single().Passed.Should().BeFalse();
        diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == DiagnosticCatalog.Evaluation.MetricUndefined.Code && d.Severity == DiagnosticSeverity.Warning);
    }

    [Theory]
    [InlineData("LogLoss", false, Inf, Inf, true)]
    [InlineData("LogLoss", false, 0.3, Inf, false)]
    [InlineData("LogLoss", false, Inf, 0.3, true)]
    [InlineData("LogLoss", false, double.NaN, 0.3, false)]
    [InlineData("LogLoss", true, Inf, Inf, true)]
    [InlineData("LogLoss", true, 0.3, Inf, false)]
    [InlineData("LogLoss", true, Inf, 0.3, true)]
    [InlineData("RSquared", false, NegInf, NegInf, true)]
    [InlineData("RSquared", false, 0.5, NegInf, false)]
    [InlineData("RSquared", true, NegInf, 0.5, true)]
    [InlineData("RSquared", true, double.NaN, 0.5, false)]
    public void AccuracyAwarePassesReadGoalsByTheSameRule(string metric, bool relative, double baseline, double value, bool met) =>
        new AccuracyGoal(metric, 0.05, relative, null).IsMet(baseline, value).Should().Be(met);

    [Fact]
    public void TheReportsStageComparisonSaysEqualForInfinityAndNeverNaN()
    {
        var measure = Measure.For([Stage("LogLoss", Inf), Stage("LogLoss", 0.3)]).Single(m => m.Key.Contains("LogLoss", StringComparison.Ordinal));

        measure.Compare(Inf, Inf).Text.Should().Be("=");
        measure.Compare(0.3, Inf).Should().Match<Change>(c => c.Direction == ChangeDirection.Worse && c.Text == "▲ ∞ worse");
        measure.Compare(Inf, 0.3).Should().Match<Change>(c => c.Direction == ChangeDirection.Better && c.Text == "▼ ∞ better");
        measure.Compare(0.3, double.NaN).Text.Should().Be("undefined");
        measure.Format(Inf).Should().Be("∞");
        measure.Format(double.NaN).Should().Be("undefined (NaN)");
    }

    [Fact]
    public void ManifestDiffThresholdsReadNonFiniteValuesTheSameWay()
    {
        var measure = Measure.For([Stage("LogLoss", 0.3)]).Single(m => m.Key.Contains("LogLoss", StringComparison.Ordinal));
        var threshold = RegressionThreshold.ParseList(measure.Key + "=0.05").Single();

        threshold.IsExceededBy(measure, Inf, Inf).Should().BeFalse("no change");
        threshold.IsExceededBy(measure, 0.3, Inf).Should().BeTrue();
        threshold.IsExceededBy(measure, Inf, 0.3).Should().BeFalse("better");
        threshold.IsExceededBy(measure, 0.3, double.NaN).Should().BeTrue("a figure that became undefined is never a silent pass");
    }

    private static BudgetSpec Budget(BudgetKind kind, string metric, double limit, DiagnosticSeverity severity = DiagnosticSeverity.Error) => new()
    {
        Name = kind + "." + metric,
        Kind = kind,
        Metric = metric,
        Limit = limit,
        Text = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Severity = severity,
        Location = new SourceLocation("recipe.yaml", 9, 35),
    };

    private static StageMeasurement Stage(string metric, double value) => new()
    {
        Name = "stage",
        Sha256 = "0",
        Metrics = new SortedDictionary<string, double> { [metric] = value },
    };
}
