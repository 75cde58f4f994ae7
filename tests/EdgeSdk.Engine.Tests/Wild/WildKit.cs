// Runs a wild model through the whole pipeline (as `edgesdk run` does) with generated, unlabeled data written
// as .npy files (one per model input), evaluated by fidelity to the input model; and compares two models'
// outputs in ONNX Runtime directly, so each wild-model test checks the optimized model against the original.
using EdgeSdk.Data;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Wild;

internal static class WildKit
{
    /// <summary>Writes the model and its data, runs <paramref name="passes"/> (YAML list items) with fidelity metrics.</summary>
    public static PipelineRunResult Run(ModelProto model, IReadOnlyDictionary<string, Tensor> calibration, IReadOnlyDictionary<string, Tensor> evaluation, string passes, List<EdgeSdk.Diagnostics.EdgeDiagnostic>? diagnostics = null)
    {
        var dir = TestPaths.NewTempDir("wild");
        var modelPath = Path.Combine(dir, "model.onnx");
        ModelFile.Save(model, modelPath);
        string Inputs(string set, IReadOnlyDictionary<string, Tensor> data) => "{" + string.Join(", ", data.Select(kv =>
        {
            var path = Path.Combine(dir, $"{set}_{kv.Key}.npy");
            NpyFile.Write(path, kv.Value);
            return $"'{kv.Key}': {path}";
        })) + "}";

        var recipePath = Path.Combine(dir, "recipe.yaml");
        File.WriteAllText(recipePath, $$"""
            recipe: 1
            model: {{modelPath}}
            target: host
            data:
              calibration: {inputs: {{Inputs("calibration", calibration)}}}
              evaluation: {inputs: {{Inputs("evaluation", evaluation)}}}
            evaluate:
              metrics: [Top1Agreement, Sqnr]
              latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
            passes:
            {{passes}}
            """);
        var recipe = RecipeRunKit.Load(recipePath);
        return RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Report = d => diagnostics?.Add(d) });
    }

    /// <summary>Loads the published model of a run.</summary>
    public static ModelGraph Final(PipelineRunResult result) => ModelGraph.Load(Path.Combine(result.OutputDirectory, "model.onnx"));

    /// <summary>Signal-to-noise ratio (dB) of <paramref name="candidate"/>'s first output against <paramref name="reference"/>'s, both run in ONNX Runtime.</summary>
    public static double Sqnr(ModelProto reference, ModelProto candidate, IReadOnlyDictionary<string, Tensor> feeds)
    {
        using var a = InferenceSession.FromModel(reference);
        using var b = InferenceSession.FromModel(candidate);
        var name = a.Outputs[0].Name;
        var expected = a.Run(feeds)[name];
        var actual = b.Run(feeds)[name];
        actual.Shape.Should().Equal(expected.Shape);
        double signal = 0, noise = 0;
        var e = expected.AsFloat();
        var x = actual.AsFloat();
        for (var i = 0; i < e.Length; i++)
        {
            signal += (double)e[i] * e[i];
            noise += (double)(e[i] - x[i]) * (e[i] - x[i]);
        }

        return noise == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / noise);
    }

    /// <summary>Seeded uniform values in [0, 1) of shape [n, ..sample].</summary>
    public static Tensor Random(int seed, params long[] shape)
    {
        var random = new Random(seed);
        return Tensor.FromFloat(Enumerable.Range(0, (int)Tensor.ElementCount(shape)).Select(_ => (float)random.NextDouble()).ToArray(), shape);
    }

    /// <summary>Whether the Conv/Gemm/MatMul weights of a QDQ model are dequantized with one scale per output channel.</summary>
    public static int PerChannelWeights(ModelGraph model) => model.Nodes.Count(n => n.OpType == "DequantizeLinear"
        && model.GetInitializer(n.Input[0])?.DataType == (int)TensorProto.Types.DataType.Int8
        && model.GetInitializer(n.Input[1]) is { Dims.Count: 1 } scale && scale.Dims[0] > 1);
}
