// Does the interleaved runner's block size bias a ratio? The stage evaluator runs each model `runs / 20` times
// in a row per round (1 at runs < 40), so at small run counts every run follows the other model's run, with the
// other model's weights in the caches. Here a fused float model and its static int8 version are timed as one pair
// with blocks of 1, 5 and 10 runs (or those given), in turn in several sets, and the pooled-p50 ratio (float / int8,
// as the gate reads it) is compared between the block sizes: a bias shows as one block size reading consistently
// higher. Run: dotnet run -c Release --project bench/EdgeSdk.Bench -- interleave-block [batches e.g. 1,32] [sets] [blocks e.g. 1,5,10]
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Latency;

/// <summary>The float-over-int8 ratio measured with blocks of several sizes per model and round.</summary>
internal sealed class InterleaveBlockBenchmark : IBenchmark
{
    private static readonly (string Model, string Set)[] Fixtures = [("digits_transformer", "digits"), ("digits32_mobilenet", "digits32")];

    public string Name => "interleave-block";

    public string Description => "bias of the interleaved runner's block size: float/int8 p50 ratio with blocks of 1, 5 and 10 runs, in turn";

    public object Run(string[] args)
    {
        var batches = args.Length > 0 ? args[0].Split(',').Select(int.Parse).ToArray() : [1, 32];
        var sets = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 4;
        var blocks = args.Length > 2 ? args[2].Split(',').Select(int.Parse).Order().ToArray() : [1, 5, 10];
        var machine = MachineInfo.Current();
        var cases = new List<object>();
        foreach (var (model, set) in Fixtures)
        {
            var fused = BenchPasses.Fuse(ModelGraph.Load(TestPaths.Model(model)));
            var int8 = BenchPasses.StaticInt8(fused, FixtureData.Split(set, "train"), "minmax");
            var test = FixtureData.Split(set, "test");
            foreach (var batch in batches)
            {
                Console.Error.WriteLine($"interleave-block: {model} at batch {batch} …");
                var ratios = blocks.ToDictionary(b => b, _ => new List<double>());
                for (var s = 0; s < sets; s++)
                {
                    // Rotate which block size goes first, so a drift over the sets falls on each.
                    foreach (var block in blocks.Skip(s % blocks.Length).Concat(blocks.Take(s % blocks.Length)))
                    {
                        ratios[block].Add(Ratio(fused, int8, test, batch, block));
                    }
                }

                var reference = BenchTiming.Median(ratios[blocks[^1]]);
                cases.Add(new
                {
                    model,
                    batch,
                    blocks = blocks.Select(b => new
                    {
                        block = b,
                        float_over_int8 = ratios[b].Select(r => Math.Round(r, 4)).ToList(),
                        median = Math.Round(BenchTiming.Median(ratios[b]), 4),
                        over_largest_block = Math.Round(BenchTiming.Median(ratios[b]) / reference, 4),
                    }).ToList(),
                });
            }
        }

        return new
        {
            machine = new { cpu = machine.CpuModel, isa = machine.IsaFlags, cores = machine.LogicalCores },
            intra_op_threads = 1,
            protocol = $"per set and block size: one interleaved pair (fused float, static int8 minmax), 10 warm-up runs each, 20 rounds of `block` runs per model for at least 3 s; ratio = pooled p50 float / pooled p50 int8 (> 1: int8 faster); {sets} sets, the block sizes in turn (rotated per set)",
            cases,
        };
    }

    private static double Ratio(ModelGraph a, ModelGraph b, IDataSet data, int batch, int block)
    {
        var settings = new EvaluationSettings { Warmup = 10, Runs = InterleavedLatencyRunner.TargetRounds * block, DurationSeconds = 3, Batch = batch, Threads = 1 };
        if (InterleavedLatencyRunner.BlockSize(settings) != block)
        {
            throw new InvalidOperationException($"runs {settings.Runs} give blocks of {InterleavedLatencyRunner.BlockSize(settings)}, not {block}");
        }

        var measured = BenchTiming.Interleaved([a, b], data, settings);
        return measured.Stages[0].P50Ms / measured.Stages[1].P50Ms;
    }
}
