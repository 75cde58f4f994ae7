// Shared helpers of the quantization tests (on the common PassHarness): fused fixture models, running the
// quantize pass with given parameters, and ONNX Runtime's optimized-model view of a quantized model
// (to check which integer kernels the QDQ groups became).
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Engine.Tests.Quantization;

internal static class QuantizationTestKit
{
    public static ModelGraph Fused(string model)
    {
        var fuse = PassCatalog.Find("fuse")!;
        var graph = ModelGraph.Load(TestPaths.Model(model));
        return fuse.Run(PassHarness.Context(graph, graph, PassOptions.BindOrThrow(fuse), DataSets.None)).Model;
    }

    public static BoundPassOptions Parameters(params (string Name, object Value)[] values)
    {
        var pass = PassCatalog.Find("quantize")!;
        return PassOptions.BindOrThrow(pass, values.ToDictionary(v => v.Name, v => (object?)v.Value));
    }

    public static PassResult Quantize(ModelGraph fused, string set, BoundPassOptions parameters, IReadOnlyList<AccuracyGoal>? goals = null, TargetProfile? target = null, List<EdgeSdk.Diagnostics.EdgeDiagnostic>? diagnostics = null)
    {
        var pass = PassCatalog.Find("quantize")!;
        return pass.Run(PassHarness.Context(fused.Clone(), fused, parameters, new DataSets(PassHarness.Set(set, "train"), null, PassHarness.Set(set, "test")), goals, target, diagnostics));
    }

    /// <summary>digits_mlp with one huge weight on an input pixel that is zero in every sample: the float model is unchanged,
    /// but per-tensor quantization of that layer rounds all its other weights to zero.</summary>
    public static ModelGraph SabotagedDigitsMlp()
    {
        var model = QuantizationTestKit.Fused("digits_mlp");
        var train = PassHarness.Set("digits", "train").Inputs["input"].AsFloat();
        var test = PassHarness.Set("digits", "test").Inputs["input"].AsFloat();
        var dead = Enumerable.Range(0, 64).First(p => train.Where((_, i) => i % 64 == p).All(v => v == 0) && test.Where((_, i) => i % 64 == p).All(v => v == 0));
        var proto = model.GetInitializer("layers.0.weight")!;
        var w = TensorProtoConverter.ToFloatArray(proto);
        w[dead] = 50f; // row 0, input pixel `dead`
        model.SetInitializer(TensorProtoConverter.FromFloat(proto.Name, w, [.. proto.Dims]));
        return model;
    }

    /// <summary>Returns the operator counts of ONNX Runtime's optimized version of <paramref name="model"/>.</summary>
    public static SortedDictionary<string, int> OptimizedOps(ModelGraph model)
    {
        var path = Path.Combine(TestPaths.NewTempDir("quant"), "optimized.onnx");
        using (InferenceSession.FromModel(model.Model, new SessionOptions { OptimizedModelFilePath = path }))
        {
        }

        return ModelGraph.Load(path).OpCounts();
    }

    public static float[] Run(ModelGraph model, string input, Tensor value, string? output = null)
    {
        using var session = InferenceSession.FromModel(model.Model);
        var name = output ?? model.Graph.Output[0].Name;
        return session.Run(new Dictionary<string, Tensor> { [input] = value }, [name])[name].AsFloat();
    }
}
