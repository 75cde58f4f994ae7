// Manifests for report and diff tests: three stages of digits_cnn (baseline, fuse, quantize) with
// realistic figures, per-layer diagnostics from the real static analysis and seeded latency samples.
using EdgeSdk.Targets;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Reports;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Reports;

internal static class ManifestSamples
{
    private static readonly Lazy<IReadOnlyList<LayerDiagnostic>> CnnLayers = new(() =>
    {
        var model = ModelGraph.Load(TestPaths.Model("digits_cnn"));
        var shapes = ShapeInference.Infer(model, new Dictionary<string, long[]> { ["input"] = [1, 1, 8, 8] })
            .Where(kv => kv.Value.KnownDims() is not null)
            .ToDictionary(kv => kv.Key, kv => new ValueShape(kv.Value.ElementType, kv.Value.KnownDims()!));
        var analysis = StaticAnalyzer.Analyze(model, shapes, 1);
        var estimate = RooflineEstimator.Estimate(analysis, new EdgeSdk.Targets.TargetProfile { Name = "arm-a53", PeakFp32Gflops = 10, PeakInt8Gops = 40, MemoryBandwidthGBps = 4 });
        return analysis.Nodes.Zip(estimate.Nodes, (n, e) => new LayerDiagnostic
        {
            Name = n.Name,
            OpType = n.OpType,
            Precision = "fp32",
            Macs = n.Macs,
            WeightBytes = n.WeightBytes,
            OutputBytes = n.OutputBytes,
            OutputShape = "[" + string.Join(",", n.OutputShape) + "]",
            EstimatedMs = e.Ms,
            Bound = e.Bound.ToString().ToLowerInvariant(),
        }).ToList();
    });

    public static StageMeasurement Stage(string name, double accuracy, double p90, long bytes, int seed, double? logLoss = 0.0223)
    {
        var rng = new Random(seed);
        var samples = Enumerable.Range(0, 100).Select(_ => Math.Round(p90 * (0.75 + (0.2 * rng.NextDouble()) + (rng.NextDouble() < 0.05 ? 0.5 : 0)), 4)).ToArray();
        var sorted = samples.Order().ToArray();
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["accuracy"] = accuracy, ["MicroAccuracy"] = accuracy, ["MacroAccuracy"] = accuracy - 0.001 };
        if (logLoss is { } ll)
        {
            metrics["LogLoss"] = ll;
        }

        return new StageMeasurement
        {
            Name = name,
            Sha256 = new string((char)('a' + seed), 64),
            Bytes = bytes,
            DeflateBytes = bytes * 9 / 10,
            Parameters = 94_474,
            Macs = 2_379_008,
            PeakMemoryBytes = (bytes * 9 / 10) + 49_152,
            WeightBytes = bytes * 9 / 10,
            PeakActivationBytes = 49_152,
            Metrics = metrics,
            Latency = new LatencySummary
            {
                P50Ms = LatencyStatistics.Percentile(sorted, 50),
                P90Ms = LatencyStatistics.Percentile(sorted, 90),
                P99Ms = LatencyStatistics.Percentile(sorted, 99),
                MeanMs = samples.Average(),
                MinMs = sorted[0],
                MaxMs = sorted[^1],
                Runs = 100,
                Warmup = 10,
                Batch = 1,
                Threads = 1,
                ThroughputPerSecond = 1000 / samples.Average(),
                SamplesMs = samples,
            },
            EstimatedTargetLatencyMs = p90 * 3,
            TargetRamBytes = 256_000,
            TargetStorageBytes = 4_000_000_000,
            Layers = CnnLayers.Value,
        };
    }

    public static Manifest ThreeStages(bool sizeBudgetPasses = false) => new()
    {
        EdgeSdk = "0.1.0",
        Model = "digits_cnn",
        Target = "arm-a53",
        Inputs = [new ManifestFile("model", "digits_cnn.onnx", 380_000, new string('1', 64))],
        Artifacts = [],
        Passes =
        [
            new ManifestPass("fuse", "fuse", "ran", 0.4, ["folded 3 BatchNormalization into Conv", "removed 2 Identity"], new SortedDictionary<string, double> { ["nodes_removed"] = 5 }),
            new ManifestPass("quantize", "quantize", "ran", 3.2, ["quantized 4 of 4 Conv/Gemm to int8 (per-channel weights)"], new SortedDictionary<string, double>()),
        ],
        Stages =
        [
            Stage("baseline", 0.995, 0.40, 381_234, 1),
            Stage("fuse", 0.995, 0.36, 378_100, 2),
            Stage("quantize", 0.9925, 0.21, 101_500, 3),
        ],
        Budgets =
        [
            new BudgetOutcome { Name = "accuracy_drop", Kind = "AccuracyDropAbsolute", Metric = "accuracy", Limit = 0.01, Actual = 0.0025, Unit = "fraction", Passed = true, Severity = "error", Text = "1pt", Explanation = "accuracy went from 99.5% to 99.25%, a drop of 0.25 points; the recipe allows 1 points (1pt)" },
            new BudgetOutcome { Name = "latency_p90", Kind = "LatencyP90", Metric = "latency", Limit = 0.5, Actual = 0.21, Unit = "ms", Passed = true, Severity = "error", Text = "0.5ms", Explanation = "measured p90 latency 0.21 ms against a limit of 0.5 ms" },
            new BudgetOutcome { Name = "size", Kind = "ModelSize", Metric = "size", Limit = 90_000, Actual = 101_500, Unit = "bytes", Passed = sizeBudgetPasses, Severity = "error", Text = "90KB", Explanation = "the model is 101.5 KB against a limit of 90 KB (90KB)", Location = new ManifestLocation("/src/recipe.yaml", 14, 9) },
        ],
    };
}
