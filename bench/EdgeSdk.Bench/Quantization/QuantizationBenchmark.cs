// The quantization figures, measured through the EdgeSdk ONNX Runtime binding with one intra-op
// thread: test accuracy float vs quantized per fixture model, latency at batch 32 against the fused
// float model, and calibration peak memory at 100 and 1,000 samples (streaming calibration should not
// grow with the sample count). Run: dotnet run -c Release --project bench/EdgeSdk.Bench -- quantization
using EdgeSdk.Targets;
using System.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Recipes;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Quantization;

/// <summary>Accuracy, latency and calibration memory of the quantize pass on the fixtures.</summary>
internal sealed class QuantizationBenchmark : IBenchmark
{
    private static readonly (string Model, string Set, string Mode, double MaxDropPoints, double MinSpeedup)[] Cases =
    [
        ("digits_cnn", "digits", "static", 0.5, 2.5),
        ("digits_mlp", "digits", "static", 0.5, 0),
        ("digits32_mobilenet", "digits32", "static", 0.5, 1.5),
        ("digits_transformer", "digits", "dynamic", 1.0, 0),
        ("digits_transformer", "digits", "weight_only", 1.0, 0),
    ];

    public string Name => "quantization";

    public string Description => "quantize pass: accuracy and batch-32 latency float vs int8 (1 thread), calibration peak memory at 100/1000 samples";

    public object Run(string[] args)
    {
        // Arguments: [rounds] [memory|models] — defaults: 7 rounds, both parts.
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 7;
        var only = args.FirstOrDefault(a => a is "memory" or "models");
        var models = only == "memory" ? [] : Cases.Select(c => MeasureModel(c.Model, c.Set, c.Mode, c.MaxDropPoints, c.MinSpeedup, rounds)).ToList();
        var memory = only == "models" ? [] : new[] { 100, 1000 }.Select(n => MeasureCalibration("digits32_mobilenet", "digits32", n)).ToList();
        return new
        {
            machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString() },
            intra_op_threads = 1,
            batch = 32,
            latency_protocol = $"{rounds} interleaved rounds of 40 runs (after 10 warm-up runs) per model; p50 over all runs",
            models,
            calibration_memory = memory,
        };
    }

    private static object MeasureModel(string name, string set, string mode, double maxDrop, double minSpeedup, int rounds)
    {
        var fused = BenchPasses.Fuse(ModelGraph.Load(TestPaths.Model(name)));
        var quantize = PassCatalog.Find("quantize")!;
        var parameters = EdgeSdk.Passes.Options.PassOptions.BindOrThrow(quantize, new Dictionary<string, object?> { ["mode"] = mode, ["calibration_samples"] = 256L, ["sqnr_samples"] = 0L, ["block_size"] = 16L });
        var clock = Stopwatch.StartNew();
        var result = quantize.Run(BenchPasses.Context(fused.Clone(), fused, parameters, new DataSets(FixtureData.Split(set, "train"), null, FixtureData.Split(set, "test"))));
        var seconds = clock.Elapsed.TotalSeconds;
        var test = FixtureData.Split(set, "test");
        var floatAccuracy = ClassifierProbe.Run(fused, test, 0, 1).Accuracy * 100;
        var quantAccuracy = ClassifierProbe.Run(result.Model, test, 0, 1).Accuracy * 100;
        var (floatMs, quantMs) = Latency(fused, result.Model, test.Inputs["input"].SliceRows(0, 32), rounds);
        var speedup = floatMs / quantMs;
        return new
        {
            model = name,
            mode,
            quantize_seconds = Math.Round(seconds, 2),
            float_accuracy = Math.Round(floatAccuracy, 2),
            quantized_accuracy = Math.Round(quantAccuracy, 2),
            drop_points = Math.Round(floatAccuracy - quantAccuracy, 2),
            max_drop_points = maxDrop,
            float_p50_ms = Math.Round(floatMs, 4),
            quantized_p50_ms = Math.Round(quantMs, 4),
            speedup = Math.Round(speedup, 2),
            min_speedup = minSpeedup,
            meets = floatAccuracy - quantAccuracy <= maxDrop + 1e-9 && speedup >= minSpeedup,
            summary = result.Summary,
        };
    }

    private static (double FloatMs, double QuantMs) Latency(ModelGraph floatModel, ModelGraph quantModel, Tensor batch, int rounds)
    {
        var options = new SessionOptions { IntraOpThreads = 1 };
        using var f = InferenceSession.FromModel(floatModel.Model, options);
        using var q = InferenceSession.FromModel(quantModel.Model, options);
        var inputs = new Dictionary<string, Tensor> { ["input"] = batch };
        using var pf = f.Prepare(inputs);
        using var pq = q.Prepare(inputs);
        var ft = new List<long>();
        var qt = new List<long>();
        pf.Measure(10, 1);
        pq.Measure(10, 1);
        for (var round = 0; round < rounds; round++)
        {
            ft.AddRange(pf.Measure(0, 40));
            qt.AddRange(pq.Measure(0, 40));
        }

        return (Median(ft), Median(qt));
    }

    private static double Median(List<long> ticks)
    {
        ticks.Sort();
        return ticks[ticks.Count / 2] * 1000.0 / Stopwatch.Frequency;
    }

    private static object MeasureCalibration(string name, string set, int samples)
    {
        var fused = BenchPasses.Fuse(ModelGraph.Load(TestPaths.Model(name)));
        var options = new QuantizationOptions { Calibration = CalibrationMethod.Entropy, CalibrationSamples = samples };
        var train = FixtureData.Split(set, "train");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var baselineManaged = GC.GetTotalMemory(true);
        long peak = baseline, peakManaged = baselineManaged;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                await Task.Delay(2);
            }
        });
        var clock = Stopwatch.StartNew();
        var quantizer = new StaticQuantizer(fused, options, train, 1);
        quantizer.Quantize([]);
        clock.Stop();
        stop.Cancel();
        sampler.Wait();
        return new
        {
            model = name,
            method = "entropy",
            samples = quantizer.CalibrationSamples,
            calibration_state_bytes = quantizer.CalibrationStateBytes,
            peak_working_set_delta_mb = Math.Round((peak - baseline) / 1048576.0, 1),
            peak_managed_heap_delta_mb = Math.Round((peakManaged - baselineManaged) / 1048576.0, 1),
            seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
        };
    }
}
