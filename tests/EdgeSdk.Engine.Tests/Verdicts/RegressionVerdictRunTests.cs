// A regression model end to end, built with known weights (no training): a 2-layer MLP whose labels are
// its own outputs plus small noise. Pruning 90 % of its weights makes the errors rise, and the gate must
// say so in the metrics' own units (never %): the MAE and RMSE budgets fail, the R² floor fails, and the
// headline leads with the first of evaluate.metrics.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Verdicts;

public sealed class RegressionVerdictRunTests
{
    [Fact]
    public void PruningARegressorHardIsCaughtInTheMetricsOwnUnits()
    {
        var dir = TestPaths.NewTempDir("regression-run");
        var random = new Random(11);
        float[] R(int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();
        var model = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,8").Output("y")
            .Floats("w1", [8, 32], R(8 * 32, 1.0)).Floats("b1", [32], R(32, 0.2))
            .Floats("w2", [32, 1], R(32, 40.0)).Floats("b2", [1], [150f])
            .Add("Gemm", ["x", "w1", "b1"], ["h"]).Add("Relu", ["h"], ["r"]).Add("Gemm", ["r", "w2", "b2"], ["y"])
            .Model;
        var modelPath = Path.Combine(dir, "regressor.onnx");
        ModelFile.Save(model, modelPath);

        // Labels: the model's own predictions plus noise of ±5, so the input model's MAE is about 2.5.
        const int Samples = 200;
        var x = R(Samples * 8, 4.0);
        var predictions = Predict(model, x, Samples);
        var y = predictions.Select(p => p + (float)((random.NextDouble() - 0.5) * 10)).ToArray();
        NpyFile.Write(Path.Combine(dir, "x.npy"), Tensor.FromFloat(x, Samples, 8));
        NpyFile.Write(Path.Combine(dir, "y.npy"), Tensor.FromFloat(y, Samples));
        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), """
            recipe: 1
            target: x86-avx2
            model: regressor.onnx
            data:
              evaluation: {inputs: x.npy, labels: y.npy}
            evaluate:
              task: regression
              metrics: [MeanAbsoluteError, RootMeanSquaredError, RSquared]
              latency: {warmup: 1, runs: 10}
            budgets:
              - accuracy: {max_absolute_drop: 0.5}
              - accuracy: {metric: RootMeanSquaredError, max_relative_drop: 10%}
              - accuracy: {metric: RSquared, min: 0.5}
            passes:
              - prune: {pattern: unstructured, sparsity: 0.9}
            """);
        var recipe = RecipeRunKit.Load(Path.Combine(dir, "recipe.yaml"));

        var result = RecipeRunKit.Run(recipe, dir);

        var manifest = result.Finish.Manifest;
        var (before, after) = (manifest.Baseline.Metrics["MeanAbsoluteError"], manifest.Final.Metrics["MeanAbsoluteError"]);
        before.Should().BeInRange(1.5, 3.5, "noise of ±5 gives an MAE near 2.5");
        after.Should().BeGreaterThan(before + 5, "90 % of the weights are gone");
        manifest.Budgets.Where(b => !b.Name.StartsWith("target.", StringComparison.Ordinal)).Select(b => (b.Name, b.Passed)).Should().Equal(
            ("MeanAbsoluteError.max_absolute_drop", false), ("RootMeanSquaredError.max_relative_drop", false), ("RSquared.min", false));
        var errors = result.Finish.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Message).ToList();
        errors.Should().HaveCount(3);
        errors[0].Should().Contain($"MeanAbsoluteError went from {before:0.####} to {after:0.####}").And.Contain("worse").And.NotContain("%");
        errors[0].Should().Contain("The input model stood at");
        var report = File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md"));
        report.Split('\n').First(l => l.StartsWith("| MeanAbsoluteError |", StringComparison.Ordinal)).Should().NotContain("%", "regression metrics are never shown as percentages").And.Contain("worse");
        report.IndexOf("| MeanAbsoluteError |", StringComparison.Ordinal).Should().BeLessThan(report.IndexOf("<details>", StringComparison.Ordinal), "the headline leads with the first metric");
    }

    private static float[] Predict(ModelProto model, float[] x, int samples)
    {
        using var session = EdgeSdk.Runtime.InferenceSession.FromModel(model);
        var output = session.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(x, samples, 8) }, ["y"]);
        return output["y"].AsFloat();
    }
}
