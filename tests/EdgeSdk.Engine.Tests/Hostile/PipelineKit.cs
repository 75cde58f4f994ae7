// Runs a recipe end to end through the pipeline (as `edgesdk run` does) on a model written into a fresh
// folder, for the hostile and wild-model tests: the model, the digits data and a recipe with given passes.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Hostile;

internal static class PipelineKit
{
    /// <summary>Writes <paramref name="model"/> and a recipe over the digits data with <paramref name="passes"/> (YAML list items), then runs it.</summary>
    public static PipelineRunResult Run(ModelProto model, string passes, string name = "model", string dataSet = "digits", string? extraData = null, Action<EdgeSdk.Diagnostics.EdgeDiagnostic>? report = null)
    {
        var dir = TestPaths.NewTempDir("pipeline");
        var modelPath = Path.Combine(dir, name + ".onnx");
        ModelFile.Save(model, modelPath);
        var recipePath = Path.Combine(dir, "recipe.yaml");
        File.WriteAllText(recipePath, $$"""
            recipe: 1
            model: {{modelPath}}
            target: host
            data:
              calibration: {inputs: {{TestPaths.Data(dataSet, "train_x.npy")}}, samples: 64, shuffle: true, seed: 1}
              evaluation: {inputs: {{TestPaths.Data(dataSet, "test_x.npy")}}, labels: {{TestPaths.Data(dataSet, "test_y.npy")}}}
            {{extraData ?? string.Empty}}
            evaluate:
              task: multiclass
              metrics: [accuracy]
              latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
            passes:
            {{passes}}
            """);
        var recipe = RecipeRunKit.Load(recipePath);
        return RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Report = report ?? (_ => { }) });
    }

    /// <summary>Returns a copy of a fixture model whose nodes have no names (what onnx.helper.make_node gives).</summary>
    public static ModelProto Unnamed(string fixture)
    {
        var model = ModelFile.Load(TestPaths.Model(fixture));
        foreach (var node in model.Graph.Node)
        {
            node.Name = string.Empty;
        }

        return model;
    }
}
