// How trustworthy a latency figure is on this machine, and what an evaluation costs: for each fixture
// model, the evaluator's full protocol (warm-up 10, 100 runs, batch 1, 1 thread) repeated a few times,
// reporting each repeat's p50/p90/p99, the spread of p50 and p90 across repeats, the seconds one
// evaluation takes, and the roofline estimate on a reference target beside the measured p50.
using EdgeSdk.Targets;
using System.Diagnostics;
using System.Globalization;
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Latency;

/// <summary>The <c>evaluation</c> benchmark.</summary>
internal sealed class EvaluationBenchmark : IBenchmark
{
    private static readonly (string Model, string Set)[] Models =
    [
        ("digits_mlp", "digits"), ("digits_cnn", "digits"), ("digits_transformer", "digits"), ("digits32_mobilenet", "digits32"),
    ];

    /// <inheritdoc/>
    public string Name => "evaluation";

    /// <inheritdoc/>
    public string Description => "Latency repeatability (p50/p90 spread over repeats) and evaluation cost per fixture model; args: [repeats=3] [runs=100]";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var target = new TargetProfile { Name = "reference-a53", PeakFp32Gflops = 9.6, PeakInt8Gops = 38.4, MemoryBandwidthGBps = 3.2 };
        var evaluator = OrtModelRunner.CreateEvaluator();
        var cases = new List<object>();
        foreach (var (model, set) in Models)
        {
            var graph = ModelGraph.Load(TestPaths.Model(model));
            var data = new InMemoryDataSet("evaluation", new Dictionary<string, Tensor> { [graph.RealInputs.First().Name] = NpyFile.Read(TestPaths.Data(set, "test_x.npy")) }, NpyFile.Read(TestPaths.Data(set, "test_y.npy")));
            var settings = new EvaluationSettings { Warmup = 10, Runs = runs, Batch = 1, Threads = 1, Target = target };
            var results = new List<EvaluationResult>();
            var seconds = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                results.Add(evaluator.Evaluate(graph, data, settings, null, CancellationToken.None));
                seconds.Add(Math.Round(watch.Elapsed.TotalSeconds, 3));
            }

            var p50 = results.Select(x => x.Latency!.P50Ms).ToArray();
            var p90 = results.Select(x => x.Latency!.P90Ms).ToArray();
            cases.Add(new
            {
                model,
                accuracy = results[0].Metrics["accuracy"],
                macs = results[0].Static.Macs,
                repeats = results.Select(x => new { p50Ms = Round(x.Latency!.P50Ms), p90Ms = Round(x.Latency.P90Ms), p99Ms = Round(x.Latency.P99Ms), meanMs = Round(x.Latency.MeanMs), maxMs = Round(x.Latency.MaxMs) }),
                p50SpreadPercent = Math.Round(100 * (p50.Max() - p50.Min()) / p50.Min(), 1),
                p90SpreadPercent = Math.Round(100 * (p90.Max() - p90.Min()) / p90.Min(), 1),
                evaluationSeconds = seconds,
                estimateMsOnReferenceA53 = Round(results[0].Estimate!.LatencyMs!.Value),
            });
        }

        var machine = MachineInfo.Current();
        return new { machine = machine.ToString(), loadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "", warmup = 10, runs, batch = 1, threads = 1, cases };
    }

    private static double Round(double ms) => Math.Round(ms, 4);
}
