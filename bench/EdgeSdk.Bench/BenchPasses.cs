// What the pass benchmarks share: fixture splits, a pass context as the pipeline builds it, and the
// fused float model every latency ratio is measured against.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Recipes;
using EdgeSdk.Targets;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench;

/// <summary>Runs passes on fixture models for the benchmarks.</summary>
internal static class BenchPasses
{
    /// <summary>The fuse pass's output for <paramref name="model"/> (the float reference of every ratio).</summary>
    public static ModelGraph Fuse(ModelGraph model)
    {
        var fuse = PassCatalog.Find("fuse")!;
        return fuse.Run(Context(model.Clone(), model, PassOptions.BindOrThrow(fuse), DataSets.None)).Model;
    }

    /// <summary>A pass context on the host target with temporary work and recipe folders.</summary>
    public static PassContext Context(ModelGraph model, ModelGraph baseline, BoundPassOptions parameters, DataSets data) => new()
    {
        Model = model,
        BaselineModel = baseline,
        Options = parameters,
        Data = data,
        Target = TargetProfile.Host,
        WorkDirectory = Path.GetTempPath(),
        RecipeDirectory = Path.GetTempPath(),
    };

    /// <summary>A fixture split: <c>{split}_x.npy</c> as input "input" and <c>{split}_y.npy</c> as labels.</summary>
    public static InMemoryDataSet Load(string set, string split) =>
        new(split, new Dictionary<string, Tensor> { ["input"] = NpyFile.Read(TestPaths.Data(set, split + "_x.npy")) }, NpyFile.Read(TestPaths.Data(set, split + "_y.npy")));
}
