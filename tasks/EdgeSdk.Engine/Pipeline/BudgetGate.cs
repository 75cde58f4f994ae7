// Judges the recipe's budgets against the baseline and final measurements. Each missed budget becomes a
// diagnostic located at the budget's line in the recipe (error, or warning for warning-only budgets),
// saying the limit, the measured value and what to try.
using EdgeSdk.Evaluation;
using EdgeSdk.Targets;
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Pipeline;

/// <summary>Evaluates budgets.</summary>
internal static class BudgetGate
{
    /// <summary>Judges the final model against the target's RAM (peak memory) and storage (file size): budgets every recipe has implicitly.</summary>
    public static (IReadOnlyList<BudgetOutcome> Outcomes, IReadOnlyList<EdgeDiagnostic> Diagnostics) JudgeTargetFit(TargetProfile target, SourceLocation? targetLocation, StageMeasurement final)
    {
        var outcomes = new List<BudgetOutcome>();
        var diagnostics = new List<EdgeDiagnostic>();
        void Check(string name, long limit, long? actual, string what)
        {
            if (limit <= 0 || actual is null)
            {
                return;
            }

            var passed = actual.Value <= limit;
            var explanation = $"{what} is {Size(actual.Value)}; target '{target.Name}' has {Size(limit)}";
            outcomes.Add(new BudgetOutcome
            {
                Name = name,
                Kind = name == "target.ram" ? nameof(BudgetKind.PeakMemory) : nameof(BudgetKind.ModelSize),
                Metric = name,
                Limit = limit,
                Actual = actual,
                Unit = "bytes",
                Passed = passed,
                Verdict = passed ? BudgetOutcome.Met : BudgetOutcome.Missed,
                Severity = "error",
                Text = Size(limit) + $" ({target.Name})",
                Explanation = explanation,
                Location = targetLocation is { } l ? new ManifestLocation(l.File, l.Line, l.Column) : null,
            });
            if (!passed)
            {
                diagnostics.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Evaluation.DoesNotFitTarget, $"The model does not fit the target: {explanation}. Quantize, prune or factorize the model, or choose a larger target.", targetLocation));
            }
        }

        Check("target.storage", target.StorageBytes, final.Bytes, "the model file");
        Check("target.ram", target.RamBytes, final.PeakMemoryBytes, "peak memory (weights plus live activations)");
        return (outcomes, diagnostics);
    }

    /// <summary>Judges every budget; returns the outcomes and the diagnostics for missed ones.</summary>
    public static (IReadOnlyList<BudgetOutcome> Outcomes, IReadOnlyList<EdgeDiagnostic> Diagnostics) Judge(IReadOnlyList<BudgetSpec> budgets, StageMeasurement baseline, StageMeasurement final, string reportPath)
    {
        var outcomes = new List<BudgetOutcome>();
        var diagnostics = new List<EdgeDiagnostic>();
        foreach (var budget in budgets)
        {
            var outcome = JudgeOne(budget, baseline, final);
            outcomes.Add(outcome);
            if (outcome.Verdict == BudgetOutcome.Inconclusive && IsMetric(budget.Kind))
            {
                var error = budget.Severity == DiagnosticSeverity.Error;
                diagnostics.Add(new EdgeDiagnostic(DiagnosticCatalog.Evaluation.MetricUndefined, error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, $"Budget '{budget.Name}' cannot be judged: {outcome.Explanation}. {outcome.Advice} Full report: {reportPath}", budget.Location));
            }
            else if (outcome.Verdict == BudgetOutcome.Inconclusive)
            {
                var severity = budget.Strict && budget.Severity == DiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                var message = $"Budget '{budget.Name}' is inconclusive: {outcome.Explanation}. The interval still straddles the limit after the measuring time, so any verdict would be chance. Move the limit away from the measured value, time on a quieter machine, raise evaluate.latency.max_duration, or judge a relative budget ('- speedup: {{min: 1.5x}}'){(budget.Strict ? "" : "; add 'strict: true' to fail the build instead")}. Full report: {reportPath}";
                diagnostics.Add(new EdgeDiagnostic(DiagnosticCatalog.Evaluation.TimingInconclusive, severity, message, budget.Location));
            }
            else if (!outcome.Passed)
            {
                var error = budget.Severity == DiagnosticSeverity.Error;
                var code = outcome.Actual is null ? DiagnosticCatalog.Evaluation.MetricNotMeasured : error ? DiagnosticCatalog.Evaluation.BudgetMissed : DiagnosticCatalog.Evaluation.BudgetMissedWarning;
                var advice = string.IsNullOrEmpty(outcome.Advice) ? Advice(budget.Kind) : outcome.Advice;
                var message = $"Budget '{budget.Name}' {(outcome.Actual is null ? "cannot be judged" : "missed")}: {outcome.Explanation}. {advice} Full report: {reportPath}";
                diagnostics.Add(new EdgeDiagnostic(code, error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, message, budget.Location));
            }
        }

        return (outcomes, diagnostics);
    }

    private static BudgetOutcome JudgeOne(BudgetSpec b, StageMeasurement baseline, StageMeasurement final)
    {
        double? actual;
        string unit;
        bool passed;
        string explanation;
        switch (b.Kind)
        {
            case BudgetKind.AccuracyDropAbsolute or BudgetKind.AccuracyDropRelative or BudgetKind.AccuracyFloor or BudgetKind.AccuracyCeiling:
            {
                var before = MetricValue(baseline, b.Metric);
                var after = MetricValue(final, b.Metric);
                if (before is null || after is null)
                {
                    return Unmeasured(b, MetricVerdicts.UnitOf(MetricDefinition.Of(b.Metric)), $"metric '{b.Metric}' was not measured (measured: {string.Join(", ", final.Metrics.Keys)})");
                }

                var verdict = MetricVerdicts.Judge(b, before.Value, after.Value);
                if (verdict.Undefined)
                {
                    // No value to record (never NaN in the manifest) and no verdict: inconclusive, and never passed.
                    return Outcome(b, null, verdict.Unit, false, verdict.Explanation) with { Verdict = BudgetOutcome.Inconclusive, Advice = verdict.Advice };
                }

                return Outcome(b, verdict.Actual, verdict.Unit, verdict.Passed, verdict.Explanation) with { Advice = verdict.Passed ? null : verdict.Advice };
            }

            case BudgetKind.LatencyP50 or BudgetKind.LatencyP90 or BudgetKind.LatencyP99 or BudgetKind.Speedup:
            {
                if (final.Latency is null || (b.Kind == BudgetKind.Speedup && baseline.Latency is null))
                {
                    return Unmeasured(b, b.Kind == BudgetKind.Speedup ? "x" : "ms", "latency was not measured");
                }

                var timing = TimingVerdicts.Judge(b, baseline.Latency ?? final.Latency, final.Latency, baseline.Sha256 == final.Sha256);
                var verdict = timing.Decision switch { TimingDecision.Met => BudgetOutcome.Met, TimingDecision.Missed => BudgetOutcome.Missed, _ => BudgetOutcome.Inconclusive };
                var passes = timing.Decision == TimingDecision.Met || (timing.Decision == TimingDecision.Inconclusive && !b.Strict);
                return Outcome(b, timing.Actual, b.Kind == BudgetKind.Speedup ? "x" : "ms", passes, timing.Explanation) with { Verdict = verdict, Interval = timing.Interval };
            }

            case BudgetKind.ModelSize:
                actual = final.Bytes;
                unit = "bytes";
                passed = actual <= b.Limit;
                explanation = $"the model is {Size(final.Bytes)} against a limit of {Size((long)b.Limit)} ({b.Text})";
                break;

            case BudgetKind.PeakMemory:
                if (final.PeakMemoryBytes is null)
                {
                    return Unmeasured(b, "bytes", "peak memory was not measured");
                }

                actual = final.PeakMemoryBytes;
                unit = "bytes";
                passed = actual <= b.Limit;
                explanation = $"peak memory is {Size(final.PeakMemoryBytes.Value)} against a limit of {Size((long)b.Limit)} ({b.Text})";
                break;

            case BudgetKind.Macs:
                if (final.Macs is null)
                {
                    return Unmeasured(b, "macs", "MACs were not computed");
                }

                actual = final.Macs;
                unit = "macs";
                passed = actual <= b.Limit;
                explanation = $"the model needs {final.Macs.Value.ToString("N0", CultureInfo.InvariantCulture)} MACs per sample against a limit of {b.Limit.ToString("N0", CultureInfo.InvariantCulture)} ({b.Text})";
                break;

            default:
                return Unmeasured(b, "?", $"budget kind {b.Kind} is not judged by this version");
        }

        return Outcome(b, actual, unit, passed, explanation);
    }

    /// <summary>Finds a metric by name, case-insensitively, treating <c>accuracy</c> as MicroAccuracy/Accuracy.</summary>
    /// <param name="stage">The stage measured.</param>
    /// <param name="metric">The metric's name.</param>
    public static double? MetricValue(StageMeasurement stage, string metric)
    {
        foreach (var candidate in metric.Equals("accuracy", StringComparison.OrdinalIgnoreCase) ? new[] { metric, "MicroAccuracy", "Accuracy" } : [metric])
        {
            var hit = stage.Metrics.FirstOrDefault(kv => kv.Key.Equals(candidate, StringComparison.OrdinalIgnoreCase));
            if (hit.Key is not null)
            {
                return hit.Value;
            }
        }

        return null;
    }

    private static bool IsMetric(BudgetKind kind) => kind is BudgetKind.AccuracyDropAbsolute or BudgetKind.AccuracyDropRelative or BudgetKind.AccuracyFloor or BudgetKind.AccuracyCeiling;

    private static BudgetOutcome Unmeasured(BudgetSpec b, string unit, string why) => Outcome(b, null, unit, false, why);

    private static BudgetOutcome Outcome(BudgetSpec b, double? actual, string unit, bool passed, string explanation) => new()
    {
        Name = b.Name,
        Kind = b.Kind.ToString(),
        Metric = b.Metric,
        Limit = b.Limit,
        Actual = actual,
        Unit = unit,
        Passed = passed,
        Verdict = passed ? BudgetOutcome.Met : BudgetOutcome.Missed,
        Severity = b.Severity == DiagnosticSeverity.Error ? "error" : "warning",
        Text = b.Text,
        Explanation = explanation,
        Location = b.Location is { } l ? new ManifestLocation(l.File, l.Line, l.Column) : null,
    };

    private static string Advice(BudgetKind kind) => kind switch
    {
        BudgetKind.AccuracyDropAbsolute or BudgetKind.AccuracyDropRelative or BudgetKind.AccuracyFloor or BudgetKind.AccuracyCeiling =>
            "Try calibrating on more samples, excluding sensitive layers from quantization, lowering the pruning sparsity, or adding a finetune pass.",
        BudgetKind.LatencyP50 or BudgetKind.LatencyP90 or BudgetKind.LatencyP99 or BudgetKind.Speedup =>
            "Try static int8 quantization, structured pruning or low-rank factorization, or relax the limit if the host is slower than the target.",
        _ => "Try quantization (int8 or 4-bit weights), pruning or low-rank factorization.",
    };

    internal static string Pct(double fraction) => UnitText.Pct(fraction);

    internal static string Points(double fraction) => UnitText.Points(fraction);

    internal static string Ms(double ms) => UnitText.Ms(ms);

    /// <summary>Formats bytes in SI units (1 KB = 1000 bytes), as recipes write sizes.</summary>
    internal static string Size(long bytes) => UnitText.Size(bytes);
}
