// Does the interleaved runner's block size bias a ratio? The stage evaluator runs each model `runs / 20` times
// in a row per round (1 at runs < 40), so at small run counts every run follows the other model's run, with the
// other model's weights in the caches. Here a fused float model and its static int8 version are timed as one pair
// with blocks of 1 and of 10 runs, alternately in several sets, and the pooled-p50 ratio (float / int8, as the
// gate reads it) is compared between the two block sizes: a bias shows as one block size reading consistently
// higher. Run: dotnet run -c Release --project bench/EdgeSdk.Bench -- interleave-block [batches e.g. 1,32] [sets]
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Latency;

/// <summary>The int8-over-float ratio measured with blocks of 1 and of 10 runs per model and round.</summary>
internal sealed class InterleaveBlockBenchmark : IBenchmark
{
    private static readonly (string Model, string Set)[] Fixtures = [("digits_transformer", "digits"), ("digits32_mobilenet", "digits32")];

    public string Name => "interleave-block";

    public string Description => "bias of the interleaved runner's block size: float/int8 p50 ratio with blocks of 1 and 10 runs, alternating sets";

    public object Run(string[] args)
    {
        var batches = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [1, 32];
        var sets = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
        var machine = MachineInfo.Current();
        var cases = new List<object>();
        foreach (var (model, set) in Fixtures)
        {
            var fused = BenchPasses.Fuse(ModelGraph.Load(TestPaths.Model(model)));
            var quantize = PassCatalog.Find("quantize")!;
            var parameters = PassOptions.BindOrThrow(quantize, new Dictionary<string, object?> { ["calibration_samples"] = 300L, ["sqnr_samples"] = 0L, ["fallback"] = false });
            var int8 = quantize.Run(BenchPasses.Context(fused.Clone(), fused, parameters, new DataSets(FixtureData.Split(set, "train"), null, null))).Model;
            var test = FixtureData.Split(set, "test");
            foreach (var batch in batches)
            {
                Console.Error.WriteLine($"interleave-block: {model} at batch {batch} …");
                var one = new List<double>();
                var ten = new List<double>();
                for (var s = 0; s < sets; s++)
                {
                    // Alternate which block size goes first, so a drift over the sets falls on both.
                    foreach (var block in s % 2 == 0 ? new[] { 1, 10 } : [10, 1])
                    {
                        (block == 1 ? one : ten).Add(Ratio(fused, int8, test, batch, block));
                    }
                }

                cases.Add(new
                {
                    model,
                    batch,
                    float_over_int8_block_1 = one.Select(r => Math.Round(r, 4)).ToList(),
                    float_over_int8_block_10 = ten.Select(r => Math.Round(r, 4)).ToList(),
                    median_block_1 = Math.Round(Median(one), 4),
                    median_block_10 = Math.Round(Median(ten), 4),
                    block_1_over_block_10 = Math.Round(Median(one) / Median(ten), 4),
                    block_1_lower_in_every_set = one.Zip(ten).All(p => p.First < p.Second),
                    block_1_higher_in_every_set = one.Zip(ten).All(p => p.First > p.Second),
                });
            }
        }

        return new
        {
            machine = new { cpu = machine.CpuModel, isa = machine.IsaFlags, cores = machine.LogicalCores },
            intra_op_threads = 1,
            protocol = $"per set and block size: one interleaved pair (fused float, static int8 minmax), 10 warm-up runs each, 20 rounds of `block` runs per model for at least 3 s; ratio = pooled p50 float / pooled p50 int8 (> 1: int8 faster); {sets} sets, block sizes alternating first",
            cases,
        };
    }

    private static double Ratio(ModelGraph a, ModelGraph b, IDataSet data, int batch, int block)
    {
        var runners = new[] { OrtModelRunner.Create(a, 1), OrtModelRunner.Create(b, 1) };
        var inputs = DataFeeds.TimingBatch(a, a.RealInputs.Select(i => i.Name).ToList(), data, batch);
        var runs = runners.Select(r => r.PrepareRepeated(inputs)).ToList();
        try
        {
            var settings = new EvaluationSettings { Warmup = 10, Runs = InterleavedLatencyRunner.TargetRounds * block, DurationSeconds = 3, Batch = batch, Threads = 1 };
            if (InterleavedLatencyRunner.BlockSize(settings) != block)
            {
                throw new InvalidOperationException($"runs {settings.Runs} give blocks of {InterleavedLatencyRunner.BlockSize(settings)}, not {block}");
            }

            var measured = InterleavedLatencyRunner.Measure(runs, settings, null, null, CancellationToken.None);
            return measured.Stages[0].P50Ms / measured.Stages[1].P50Ms;
        }
        finally
        {
            runs.ForEach(r => r.Dispose());
            foreach (var r in runners)
            {
                r.Dispose();
            }
        }
    }

    private static double Median(List<double> values) => LatencyStatistics.Percentile([.. values.Order()], 50);
}
