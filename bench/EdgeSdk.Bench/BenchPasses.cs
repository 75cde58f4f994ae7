// What the pass benchmarks share: a pass context as the pipeline builds it, the fused float model every
// latency ratio is measured against, and the plain static-int8 model compared with it.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Targets;

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

    /// <summary>
    /// The plain static-int8 configuration of <paramref name="fused"/> (every layer int8: no accuracy fallback, no SQNR
    /// report), calibrated on 300 samples of <paramref name="train"/> with <paramref name="calibration"/>.
    /// </summary>
    public static ModelGraph StaticInt8(ModelGraph fused, IDataSet train, string calibration)
    {
        var quantize = PassCatalog.Find("quantize")!;
        var parameters = PassOptions.BindOrThrow(quantize, new Dictionary<string, object?> { ["calibration"] = calibration, ["calibration_samples"] = 300L, ["sqnr_samples"] = 0L, ["fallback"] = false });
        return quantize.Run(Context(fused.Clone(), fused, parameters, new DataSets(train, null, null))).Model;
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
}
