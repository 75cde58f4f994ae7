// Shared helpers of the quantization tests: fixture data sets, fused fixture models, running the
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
    private static readonly Dictionary<string, InMemoryDataSet> Sets = [];

    public static InMemoryDataSet Data(string set, string split)
    {
        lock (Sets)
        {
            var key = set + "/" + split;
            if (!Sets.TryGetValue(key, out var data))
            {
                data = new InMemoryDataSet(split, new Dictionary<string, Tensor> { ["input"] = NpyFile.Read(TestPaths.Data(set, split + "_x.npy")) }, NpyFile.Read(TestPaths.Data(set, split + "_y.npy")));
                Sets[key] = data;
            }

            return data;
        }
    }

    public static ModelGraph Fused(string model)
    {
        var fuse = PassCatalog.Find("fuse")!;
        var graph = ModelGraph.Load(TestPaths.Model(model));
        return fuse.Run(Context(graph, graph, PassOptions.BindOrThrow(fuse), DataSets.None)).Model;
    }

    public static PassContext Context(ModelGraph model, ModelGraph baseline, BoundPassOptions parameters, DataSets data, IReadOnlyList<AccuracyGoal>? goals = null, TargetProfile? target = null, List<EdgeSdk.Diagnostics.EdgeDiagnostic>? diagnostics = null) => new()
    {
        Model = model,
        BaselineModel = baseline,
        Options = parameters,
        Data = data,
        Target = target ?? TargetProfile.Host,
        AccuracyGoals = goals ?? [],
        WorkDirectory = Path.GetTempPath(),
        RecipeDirectory = Path.GetTempPath(),
        Report = d => diagnostics?.Add(d),
    };

    public static BoundPassOptions Parameters(params (string Name, object Value)[] values)
    {
        var pass = PassCatalog.Find("quantize")!;
        return PassOptions.BindOrThrow(pass, values.ToDictionary(v => v.Name, v => (object?)v.Value));
    }

    public static PassResult Quantize(ModelGraph fused, string set, BoundPassOptions parameters, IReadOnlyList<AccuracyGoal>? goals = null, TargetProfile? target = null, List<EdgeSdk.Diagnostics.EdgeDiagnostic>? diagnostics = null)
    {
        var pass = PassCatalog.Find("quantize")!;
        return pass.Run(Context(fused.Clone(), fused, parameters, new DataSets(Data(set, "train"), null, Data(set, "test")), goals, target, diagnostics));
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
