// Are latency verdicts repeatable on a noisy machine? One recipe (digits32_mobilenet at batch 32, a
// millisecond-range model, fuse → static int8) is judged 20 times (`--remeasure`: the stages are timed
// again each time, interleaved, passes cached) while a CPU-bound process competes for the cores. Limits are
// set from a long interleaved calibration run under the same competition: p90 at 1.25x the calibrated p90
// (expected met), p90 at 0.75x (expected missed), a speedup at 0.8x the calibrated speedup (expected met).
// Absolute times on these shared machines drift by 2x within minutes, so a fixed millisecond limit does not
// stay 20 % away from the truth by itself: right after each judgement the truth is measured again (a long
// interleaved run), and each verdict is checked against the truth of its moment. Where that truth lay at
// least 20 % from the limit the verdict must be the expected one (a wrong verdict is the defect this
// benchmark looks for; inconclusive is counted apart); where the drift brought it closer, the judgement
// does not count for that budget. Figures, intervals and measuring time go to the JSON.
using System.Diagnostics;
using System.Globalization;
using EdgeSdk.Evaluation;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Verdicts;

/// <summary>The <c>verdict-stability</c> benchmark.</summary>
internal sealed class VerdictStabilityBenchmark : IBenchmark
{
    private const int CalibrationRuns = 600;

    /// <summary>How far (relative) the truth must lie from a limit for the verdict to be judged against it.</summary>
    private const double Margin = 0.2;

    /// <inheritdoc/>
    public string Name => "verdict-stability";

    /// <inheritdoc/>
    public string Description => "Same recipe judged N times under a competing CPU-bound process: are latency/speedup verdicts stable? args: [judgements=20] [hogs=1]";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var judgements = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var hogs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var dir = TestPaths.NewTempDir("verdict-stability");

        // Passes and metrics once, quietly (they are cached for every later run).
        RunOnce(dir, Recipe(dir, runs: 20, budgets: string.Empty), remeasure: false);
        var competitors = Enumerable.Range(0, hogs).Select(_ => Process.Start(new ProcessStartInfo("sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!).ToList();
        var rows = new List<Dictionary<string, object?>>();
        EdgeSdk.Reports.Manifest calibration, recheck;
        double trueP90, trueSpeedup;
        (double P90Above, double P90Below, double Speedup) limits;
        try
        {
            // Calibration under the competition the judge will see: long interleaved timing, no timing budgets.
            calibration = RunOnce(dir, Recipe(dir, runs: CalibrationRuns, budgets: string.Empty), remeasure: true);
            trueP90 = calibration.Final.Latency!.P90Ms;
            trueSpeedup = calibration.Baseline.Latency!.P50Ms / calibration.Final.Latency.P50Ms;
            limits = (Math.Round(trueP90 * 1.25, 4), Math.Round(trueP90 * 0.75, 4), Math.Round(trueSpeedup * 0.8, 3));
            var budgets = string.Create(CultureInfo.InvariantCulture, $$"""
                  - latency: {p90: {{limits.P90Above}} ms, name: p90-above-true}
                  - latency: {p90: {{limits.P90Below}} ms, name: p90-below-true, warning: true}
                  - speedup: {min: {{limits.Speedup}}x, name: speedup-below-true}
                """);
            var recipe = Recipe(dir, runs: 100, budgets);
            var truthRecipe = Recipe(dir, runs: CalibrationRuns, budgets: string.Empty, file: "truth.yaml");
            for (var i = 0; i < judgements; i++)
            {
                var watch = Stopwatch.StartNew();
                var manifest = RunOnce(dir, recipe, remeasure: true);
                var seconds = watch.Elapsed.TotalSeconds;

                // The truth of this moment: measured right after the judgement, long, without timing budgets.
                var truth = RunOnce(dir, truthRecipe, remeasure: true);
                var truthP90 = truth.Final.Latency!.P90Ms;
                var truthSpeedup = truth.Baseline.Latency!.P50Ms / truth.Final.Latency.P50Ms;
                var row = new Dictionary<string, object?>
                {
                    ["seconds"] = Math.Round(seconds, 2),
                    ["runs"] = manifest.Final.Latency!.Runs,
                    ["final_p90_ms"] = Math.Round(manifest.Final.Latency.P90Ms, 4),
                    ["final_p90_ci_ms"] = Ci(manifest.Final.Latency.P90Ci),
                    ["speedup_p50"] = Math.Round(manifest.Baseline.Latency!.P50Ms / manifest.Final.Latency.P50Ms, 3),
                    ["truth_p90_ms"] = Math.Round(truthP90, 4),
                    ["truth_speedup_p50"] = Math.Round(truthSpeedup, 3),
                };
                foreach (var b in manifest.Budgets.Where(b => !b.Name.StartsWith("target.", StringComparison.Ordinal)))
                {
                    row[b.Name] = b.Verdict;
                }

                row["expected"] = new Dictionary<string, string?>
                {
                    ["p90-above-true"] = ExpectedAtMost(truthP90, limits.P90Above),
                    ["p90-below-true"] = ExpectedAtMost(truthP90, limits.P90Below),
                    ["speedup-below-true"] = ExpectedAtLeast(truthSpeedup, limits.Speedup),
                };
                rows.Add(row);
                Console.Error.WriteLine($"judgement {i + 1}/{judgements}: " + string.Join(", ", row.Select(kv => $"{kv.Key}={Format(kv.Value)}")));
            }

            // The same calibration again: how far did the true latency move while the judge worked?
            recheck = RunOnce(dir, Recipe(dir, runs: CalibrationRuns, budgets: string.Empty), remeasure: true);
        }
        finally
        {
            foreach (var p in competitors)
            {
                p.Kill();
                p.Dispose();
            }
        }

        var names = new[] { "p90-above-true", "p90-below-true", "speedup-below-true" };
        var perBudget = names.ToDictionary(n => n, n =>
        {
            var counted = rows.Where(r => ((Dictionary<string, string?>)r["expected"]!)[n] is not null).ToList();
            return new
            {
                verdicts = rows.GroupBy(r => (string?)r[n]).ToDictionary(g => g.Key ?? "?", g => g.Count()),
                judgements_with_truth_20pct_away = counted.Count,
                right = counted.Count(r => (string?)r[n] == ((Dictionary<string, string?>)r["expected"]!)[n]),
                wrong = counted.Count(r => (string?)r[n] is "met" or "missed" && (string?)r[n] != ((Dictionary<string, string?>)r["expected"]!)[n]),
                inconclusive = counted.Count(r => (string?)r[n] == "inconclusive"),
                same_every_time = counted.Select(r => r[n]).Distinct().Count() <= 1,
            };
        });
        return new
        {
            machine = MachineInfo.Current().ToString(),
            load_average_at_start = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
            competing_processes = hogs,
            model = "digits32_mobilenet: fuse -> quantize (static int8), batch 32, 1 thread, 100 runs minimum, max_duration 10 s",
            calibration = new
            {
                under_competition = true,
                final_p90_ms = Math.Round(trueP90, 4),
                final_p90_ci_ms = Ci(calibration.Final.Latency.P90Ci),
                baseline_p50_ms = Math.Round(calibration.Baseline.Latency.P50Ms, 4),
                final_p50_ms = Math.Round(calibration.Final.Latency.P50Ms, 4),
                speedup_p50 = Math.Round(trueSpeedup, 3),
                runs = calibration.Final.Latency.Runs,
            },
            recheck_after_judgements = new
            {
                final_p90_ms = Math.Round(recheck.Final.Latency!.P90Ms, 4),
                speedup_p50 = Math.Round(recheck.Baseline.Latency!.P50Ms / recheck.Final.Latency.P50Ms, 3),
                runs = recheck.Final.Latency.Runs,
            },
            truth_p90_ms_range = new[] { rows.Min(r => (double)r["truth_p90_ms"]!), rows.Max(r => (double)r["truth_p90_ms"]!) },
            limits = new { p90_above_true_ms = limits.P90Above, p90_below_true_ms = limits.P90Below, speedup_min = limits.Speedup },
            margin = Margin,
            budgets = perBudget,
            no_wrong_verdict = perBudget.Values.All(b => b.wrong == 0),
            stable = perBudget.Values.All(b => b.same_every_time && b.inconclusive == 0),
            judgements = rows,
        };
    }

    /// <summary>The verdict a "p90 at most <paramref name="limit"/>" budget must give when the truth is <paramref name="truth"/>, or null when the truth lies within the margin of the limit.</summary>
    private static string? ExpectedAtMost(double truth, double limit) =>
        truth <= limit * (1 - Margin) ? "met" : truth >= limit * (1 + Margin) ? "missed" : null;

    /// <summary>The verdict a "speedup at least <paramref name="limit"/>" budget must give when the truth is <paramref name="truth"/>, or null within the margin.</summary>
    private static string? ExpectedAtLeast(double truth, double limit) =>
        truth >= limit * (1 + Margin) ? "met" : truth <= limit * (1 - Margin) ? "missed" : null;

    private static string Recipe(string dir, int runs, string budgets, string file = "recipe.yaml")
    {
        var path = Path.Combine(dir, file);
        File.WriteAllText(path, $$"""
            recipe: 1
            target: x86-avx2
            model: {{TestPaths.Model("digits32_mobilenet")}}
            data:
              calibration: {inputs: {{TestPaths.Data("digits32", "train_x.npy")}}, samples: 128}
              evaluation: {inputs: {{TestPaths.Data("digits32", "test_x.npy")}}, labels: {{TestPaths.Data("digits32", "test_y.npy")}}, samples: 128}
            evaluate:
              latency: {warmup: 10, runs: {{runs}}, batch: 32, threads: 1, max_duration: 10 s}
            budgets:
            {{budgets}}
              - accuracy: {max_absolute_drop: 5 points}
            passes: [fuse, quantize]
            """);
        return path;
    }

    private static EdgeSdk.Reports.Manifest RunOnce(string dir, string recipePath, bool remeasure)
    {
        var recipe = RecipeLoader.Load(recipePath, new RecipeLoadOptions
        {
            TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
            StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
        }).GetRecipeOrThrow();
        return PipelineRunner.Run(recipe, recipe.ModelPath!, Path.Combine(dir, "out"), Path.Combine(dir, "cache"), new PipelineRunOptions { Remeasure = remeasure }).Finish.Manifest;
    }

    private static double[]? Ci(ConfidenceInterval? ci) => ci is null ? null : [Math.Round(ci.Low, 4), double.IsPositiveInfinity(ci.High) ? double.MaxValue : Math.Round(ci.High, 4)];

    private static string Format(object? v) => v switch
    {
        Dictionary<string, string?> d => "{" + string.Join(", ", d.Select(kv => $"{kv.Key}: {kv.Value ?? "near"}")) + "}",
        double[] a => "[" + string.Join(", ", a.Select(x => x.ToString(CultureInfo.InvariantCulture))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v?.ToString() ?? "null",
    };
}
