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
