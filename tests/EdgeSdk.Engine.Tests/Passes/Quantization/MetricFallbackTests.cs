// The accuracy-aware fallback on metrics other than top-1 accuracy, with known answers: a regressor whose
// first layer is sabotaged (one huge weight on an input that is always zero: the float model is unchanged,
// per-tensor int8 rounds every other weight of that layer away) must get exactly that layer back in float
// because its MAE would exceed the `max` budget; the same for a binary classifier judged by AUC, and for a
// digits classifier judged by agreement with the float model on unlabeled data. Plus the goal rule itself
// (direction, ceilings) and the recipe budgets it comes from.
using EdgeSdk.Data;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Quantization;

public sealed class MetricFallbackTests
{
    private const int Features = 8;
    private const int Dead = 3; // an input feature that is zero in every sample
    private const string FirstLayer = "Gemm_0";

    [Fact]
    public void ARegressorKeepsTheSabotagedLayerFloatBecauseItsMaeWouldExceedTheMax()
    {
        var random = new Random(5);
        var model = SabotagedMlp(random);
        var (calibration, xs) = Inputs(random, 256);
        var (_, testX) = Inputs(random, 300);
        var predictions = Predict(model, testX);
        var labels = predictions.Select(p => p + (float)((random.NextDouble() - 0.5) * 10)).ToArray();
        var evaluation = new InMemoryDataSet("test", new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(testX, labels.Length, Features) }, Tensor.FromFloat(labels, labels.Length));
        var floatMae = predictions.Zip(labels, (p, y) => Math.Abs(p - y)).Average();
        var ceiling = floatMae + 0.5;

        var result = Quantize(model, calibration, evaluation, EvaluationTask.Regression, "MeanAbsoluteError", new AccuracyGoal("MeanAbsoluteError", null, false, null, ceiling));

        result.Figures["fallback_baseline_accuracy"].Should().BeApproximately(floatMae, 1e-3, "the fallback measures the float MAE on the evaluation labels");
        result.Figures["fallback_quantized_accuracy"].Should().BeGreaterThan(ceiling + 1, "the sabotaged layer really breaks per-tensor quantization");
        result.Figures["fallback_final_accuracy"].Should().BeLessThanOrEqualTo(ceiling);
        result.Figures["fallback_float_layers"].Should().Be(1);
        result.Summary.Should().Contain(s => s.StartsWith("MeanAbsoluteError ", StringComparison.Ordinal) && s.Contains($"returned 1 layer(s) to float ({FirstLayer})", StringComparison.Ordinal) && s.Contains("(≤ ", StringComparison.Ordinal) && !s.Contains('%', StringComparison.Ordinal));
        result.Warnings.Should().NotContain(w => w.Contains("skipped", StringComparison.Ordinal));
        result.Model.Nodes.Should().Contain(n => n.Name == FirstLayer && n.OpType == "Gemm" && n.Input[1] == "w1", "that layer keeps its float weight");
        result.Model.Nodes.Should().Contain(n => n.OpType == "DequantizeLinear" && n.Input[0].StartsWith("w2", StringComparison.Ordinal), "the healthy layer stays quantized");
    }

    [Fact]
    public void ABinaryClassifierJudgedByAucGetsTheSabotagedLayerBack()
    {
        var random = new Random(8);
        var model = SabotagedMlp(random, outputScale: 4, bias: 0); // logits of a few units, so the sigmoid does not saturate
        var (calibration, _) = Inputs(random, 256);
        var (_, testX) = Inputs(random, 300);
        var scores = Predict(model, testX);
        var median = scores.Order().ElementAt(scores.Length / 2);
        var labels = scores.Select(s => s + (float)((random.NextDouble() - 0.5) * 1) > median ? 1L : 0L).ToArray();
        var evaluation = new InMemoryDataSet("test", new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(testX, labels.Length, Features) }, Tensor.FromInt64(labels, labels.Length));

        var result = Quantize(model, calibration, evaluation, EvaluationTask.Binary, "AreaUnderRocCurve", new AccuracyGoal("AreaUnderRocCurve", 0.01, false, null));

        var baseline = result.Figures["fallback_baseline_accuracy"];
        baseline.Should().BeGreaterThan(0.8, "the labels follow the float scores");
        result.Figures["fallback_quantized_accuracy"].Should().BeLessThan(baseline - 0.01, "the sabotaged layer blurs the ranking by more than the budget allows");
        result.Figures["fallback_final_accuracy"].Should().BeGreaterThanOrEqualTo(baseline - 0.01);
        result.Figures["fallback_float_layers"].Should().Be(1);
        result.Summary.Should().Contain(s => s.StartsWith("AreaUnderRocCurve ", StringComparison.Ordinal) && s.Contains($"({FirstLayer})", StringComparison.Ordinal));
    }

    [Fact]
    public void FidelityOnUnlabeledDataDrivesTheFallback()
    {
        var model = QuantizationTestKit.SabotagedDigitsMlp();
        var test = PassHarness.Set("digits", "test");
        var unlabeled = new InMemoryDataSet("test", test.Inputs, null);
        var pass = PassCatalog.Find("quantize")!;
        var context = PassHarness.Context(model.Clone(), model, QuantizationTestKit.Parameters(("per_channel", false), ("calibration_samples", 128L), ("sqnr_samples", 0L)), new DataSets(PassHarness.Set("digits", "train"), null, unlabeled), [new AccuracyGoal("Top1Agreement", null, false, 0.97)]);
        var result = pass.Run(PassHarness.Context(context.Model, context.BaselineModel, context.Options, context.Data, context.AccuracyGoals, context.Target, metrics: new EvaluationSettings { Task = EvaluationTask.Multiclass, Metrics = ["Top1Agreement"], MeasureLatency = false }));

        result.Figures["fallback_baseline_accuracy"].Should().Be(1, "the float model agrees with itself");
        result.Figures["fallback_quantized_accuracy"].Should().BeLessThan(0.97);
        result.Figures["fallback_final_accuracy"].Should().BeGreaterThanOrEqualTo(0.97);
        result.Figures["fallback_float_layers"].Should().Be(1);
        result.Summary.Should().Contain(s => s.StartsWith("Top1Agreement ", StringComparison.Ordinal) && s.Contains("returned 1 layer(s) to float (/layers.0/Gemm)", StringComparison.Ordinal));
    }

    [Fact]
    public void GoalsAreJudgedInTheMetricsOwnDirection()
    {
        var maeDrop = new AccuracyGoal("MeanAbsoluteError", 0.5, false, null);
        maeDrop.IsMet(10, 10.4).Should().BeTrue();
        maeDrop.IsMet(10, 10.6).Should().BeFalse("an error that rises by more than 0.5 is worse");
        maeDrop.IsMet(10, 2).Should().BeTrue("an error that falls is better");
        maeDrop.Limit(10).Should().Be(10.5);

        var rmseRelative = new AccuracyGoal("RootMeanSquaredError", 0.1, true, null);
        rmseRelative.IsMet(50, 54.9).Should().BeTrue();
        rmseRelative.IsMet(50, 55.1).Should().BeFalse();

        var ceiling = new AccuracyGoal("MeanAbsoluteError", null, false, null, 3);
        ceiling.IsMet(1, 2.9).Should().BeTrue();
        ceiling.IsMet(1, 3.1).Should().BeFalse();
        ceiling.Limit(1).Should().Be(3);

        var auc = new AccuracyGoal("AreaUnderRocCurve", 0.01, false, null);
        auc.IsMet(0.9, 0.895).Should().BeTrue();
        auc.IsMet(0.9, 0.88).Should().BeFalse();
        auc.Limit(0.9).Should().BeApproximately(0.89, 1e-12);

        var sqnr = new AccuracyGoal("Sqnr", null, false, 30);
        sqnr.IsMet(200, 31).Should().BeTrue();
        sqnr.IsMet(200, 29).Should().BeFalse();
        sqnr.IsMet(200, double.NaN).Should().BeFalse();
    }

    [Fact]
    public void RecipeBudgetsBecomeGoalsWithCeilingsForLowerIsBetterMaxima()
    {
        var dir = TestPaths.NewTempDir("fallback-goals");
        NpyFile.Write(Path.Combine(dir, "x.npy"), Tensor.FromFloat(new float[16], 2, Features));
        NpyFile.Write(Path.Combine(dir, "y.npy"), Tensor.FromFloat([1f, 2f], 2));
        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), """
            recipe: 1
            target: x86-avx2
            data:
              evaluation: {inputs: x.npy, labels: y.npy}
            evaluate:
              task: regression
              metrics: [MeanAbsoluteError, RootMeanSquaredError, RSquared]
            budgets:
              - accuracy: {metric: MeanAbsoluteError, max: 3.5}
              - accuracy: {metric: RootMeanSquaredError, max_relative_drop: 10%}
              - accuracy: {metric: RSquared, min: 0.5}
            passes:
              - fuse
            """);
        var recipe = RecipeLoader.Load(Path.Combine(dir, "recipe.yaml"), new RecipeLoadOptions
        {
            TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
            StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
        }).GetRecipeOrThrow();

        StepRunner.AccuracyGoals(recipe).Should().Equal(
            new AccuracyGoal("MeanAbsoluteError", null, false, null, 3.5),
            new AccuracyGoal("RootMeanSquaredError", 0.1, true, null),
            new AccuracyGoal("RSquared", null, false, 0.5));
        StepRunner.MetricSettings(recipe).Task.Should().Be(EvaluationTask.Regression);
    }

    private static PassResult Quantize(ModelGraph model, InMemoryDataSet calibration, InMemoryDataSet evaluation, EvaluationTask task, string metric, AccuracyGoal goal)
    {
        var pass = PassCatalog.Find("quantize")!;
        return pass.Run(PassHarness.Context(model.Clone(), model, QuantizationTestKit.Parameters(("per_channel", false), ("calibration_samples", 256L), ("sqnr_samples", 0L)), new DataSets(calibration, null, evaluation), [goal], metrics: new EvaluationSettings { Task = task, Metrics = [metric], MeasureLatency = false }));
    }

    // x (N, 8) -> Gemm(8x32) -> Relu -> Gemm(32x1) -> y; w1 holds 50 on the dead input, so the float model
    // ignores it while per-tensor int8 of w1 (scale 50/127) rounds every other weight of the layer to 0 or ±0.39.
    private static ModelGraph SabotagedMlp(Random random, double outputScale = 40, float bias = 150)
    {
        float[] R(int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();
        var w1 = R(Features * 32, 1.0);
        w1[Dead * 32] = 50f;
        var model = new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,8").Output("y")
            .Floats("w1", [Features, 32], w1).Floats("b1", [32], R(32, 0.2))
            .Floats("w2", [32, 1], R(32, outputScale)).Floats("b2", [1], [bias])
            .Add("Gemm", ["x", "w1", "b1"], ["h"]).Add("Relu", ["h"], ["r"]).Add("Gemm", ["r", "w2", "b2"], ["y"])
            .Model;
        return new ModelGraph(model);
    }

    private static (InMemoryDataSet Set, float[] X) Inputs(Random random, int samples)
    {
        var x = new float[samples * Features];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = i % Features == Dead ? 0 : (float)((random.NextDouble() - 0.5) * 4);
        }

        return (new InMemoryDataSet("calibration", new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(x, samples, Features) }, null), x);
    }

    private static float[] Predict(ModelGraph model, float[] x)
    {
        using var session = EdgeSdk.Runtime.InferenceSession.FromModel(model.Model);
        return session.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(x, x.Length / Features, Features) }, ["y"])["y"].AsFloat();
    }
}
