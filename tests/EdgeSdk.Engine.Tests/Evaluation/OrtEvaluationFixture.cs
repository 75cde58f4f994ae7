// Evaluates each fixture model once through ONNX Runtime (short latency protocol) and shares the results
// between the ORT-backed evaluation tests, keeping the area's test time small.
using EdgeSdk.Targets;
using System.Collections.Concurrent;
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Evaluation;

public sealed class OrtEvaluationFixture
{
    private readonly ConcurrentDictionary<string, Lazy<EvaluationResult>> _results = new();

    internal static TargetProfile Target { get; } = new() { Name = "test-a53", PeakFp32Gflops = 10, PeakInt8Gops = 40, MemoryBandwidthGBps = 4, RamBytes = 512L << 20, StorageBytes = 4L << 30 };

    internal static InMemoryDataSet TestSet(string set) => new(
        "evaluation",
        new Dictionary<string, Tensor> { ["input"] = NpyFile.Read(TestPaths.Data(set, "test_x.npy")) },
        NpyFile.Read(TestPaths.Data(set, "test_y.npy")));

    internal EvaluationResult Get(string model, string set, EvaluationTask task = EvaluationTask.Multiclass, string? reference = null) =>
        _results.GetOrAdd($"{model}|{set}|{task}|{reference}", _ => new Lazy<EvaluationResult>(() =>
            OrtModelRunner.CreateEvaluator().Evaluate(
                ModelGraph.Load(TestPaths.Model(model)),
                TestSet(set),
                new EvaluationSettings
                {
                    Task = task,
                    Metrics = reference is null ? ["accuracy"] : ["accuracy", "Top1Agreement"],
                    Warmup = 2,
                    Runs = 20,
                    Reference = reference is null ? null : ModelGraph.Load(TestPaths.Model(reference)),
                    Target = Target,
                },
                null,
                CancellationToken.None))).Value;
}
