// The `pruning` benchmark: prune → finetune → fuse → quantize on digits32_mobilenet (50% of channels) and
// lowrank → finetune on digits_mlp (half the parameters), measuring every stage's latency at batch 32 in
// ONNX Runtime (one thread), parameters, MACs, file size and accuracy. Stages whose pass is not in the
// catalog are listed as missing instead of being faked. Arguments: [runs=100] [round_to=16] (kept channels
// rounded to multiples of 16 let ONNX Runtime use its blocked NCHWc kernels on AVX-512 machines).
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Pruning;

/// <summary>Benchmarks the pruning and low-rank recipes stage by stage.</summary>
internal sealed class PruningBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "pruning";

    /// <inheritdoc/>
    public string Description => "prune→finetune→quantize on digits32_mobilenet, lowrank→finetune on digits_mlp: latency (batch 32, 1 thread), params, MACs, accuracy per stage";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 100;
        var roundTo = args.Length > 1 && long.TryParse(args[1], out var k) ? k : 16;
        var mobile = MobileNet(runs, roundTo);
        var mlp = Mlp(runs);
        return new
        {
            command = $"dotnet run -c Release --project bench/EdgeSdk.Bench -- pruning {runs} {roundTo}",
            round_to = roundTo,
            machine = Evaluation.MachineInfo.Current().ToString(),
            batch = 32,
            threads = 1,
            runs,
            digits32_mobilenet = mobile,
            digits_mlp = mlp,
        };
    }

    private static (InMemoryDataSet Train, InMemoryDataSet Test) Load(string set, string inputName)
    {
        return (FixtureData.Split(set, "train", inputName), FixtureData.Split(set, "test", inputName));
    }

    private static List<StageFigures> MobileNet(int runs, long roundTo)
    {
        var original = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        var (train, test) = Load("digits32", original.RealInputs.First().Name);
        var data = new DataSets(train.Take(256), train, test);
        var stages = new List<(string Name, ModelGraph? Model, IReadOnlyList<string> Summary, string? Missing)> { ("float (exported, BatchNormalization kept)", original, [], null) };
        var fused = PassStageRunner.Run("fuse", original, original, [], data)!;
        stages.Add(("fused float (reference)", fused.Model, fused.Summary, null));

        // Prune the exported graph with BatchNormalization still in place, so fine-tuning can train through
        // BatchNormalization; fuse afterwards, then quantize.
        var pruned = PassStageRunner.Run("prune", original, original, new() { ["sparsity"] = 0.5, ["importance"] = "bn_scale", ["round_to"] = roundTo }, data)!;
        stages.Add(("prune 50% channels (bn_scale)", pruned.Model, pruned.Summary, null));
        var finetuned = PassStageRunner.Run("finetune", pruned.Model, original, new() { ["epochs"] = 10L, ["learning_rate"] = 0.003, ["batch_norm"] = "train" }, data);
        stages.Add(("finetune (10 epochs, lr 0.003, batch_norm train)", finetuned?.Model, finetuned?.Summary ?? [], finetuned is null ? "finetune" : null));
        var refused = PassStageRunner.Run("fuse", finetuned?.Model ?? pruned.Model, original, [], data)!;
        stages.Add(("fuse", refused.Model, refused.Summary, null));
        var quantized = PassStageRunner.Run("quantize", refused.Model, original, new() { ["mode"] = "static", ["fallback"] = false }, data);
        stages.Add(("quantize static int8", quantized?.Model, quantized?.Summary ?? [], quantized is null ? "quantize" : null));

        var measured = stages.Where(s => s.Model is not null).ToList();
        var latencies = InterleavedLatency.Measure(measured.Select(s => s.Model!).ToList(), test.Inputs.Values.First().SliceRows(0, 32), threads: 1, rounds: 10, runsPerRound: Math.Max(1, runs / 10));
        var referenceMs = latencies[1];
        return stages.Select(s => s.Model is null
            ? Missing(s.Missing!)
            : StageMeasurement.WithLatency(s.Name, s.Model, test, latencies[measured.IndexOf(s)], s.Name.StartsWith("fused float", StringComparison.Ordinal) ? null : referenceMs, s.Summary)).ToList();
    }

    private static List<StageFigures> Mlp(int runs)
    {
        var original = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var (train, test) = Load("digits", original.RealInputs.First().Name);
        var data = new DataSets(train.Take(256), train, test);
        var reference = StageMeasurement.Measure("float", original, test, 32, 1, runs, null, []);
        var stages = new List<StageFigures> { reference };
        var factorized = PassStageRunner.Run("lowrank", original, original, new() { ["rank_method"] = "param_budget", ["param_budget"] = 0.5 }, data)!;
        stages.Add(StageMeasurement.Measure("lowrank half the parameters", factorized.Model, test, 32, 1, runs, reference.MedianMsAtBatch, factorized.Summary));
        var finetuned = PassStageRunner.Run("finetune", factorized.Model, original, new() { ["epochs"] = 10L }, data);
        stages.Add(finetuned is null ? Missing("finetune") : StageMeasurement.Measure("finetune", finetuned.Model, test, 32, 1, runs, reference.MedianMsAtBatch, finetuned.Summary));
        return stages;
    }

    private static StageFigures Missing(string pass) =>
        new(pass, $"missing: the '{pass}' pass is not in PassCatalog on this branch", null, null, 0, 0, 0, null, []);
}
