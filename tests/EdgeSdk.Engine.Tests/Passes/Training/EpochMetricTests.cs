// Early stopping and best-epoch selection of the training passes on the metric the budgets name, in its
// own direction: a small regressor over-fits 40 noisy samples, so its evaluation RMSE falls and then rises;
// with patience the trainer must stop and keep the epoch of the LOWEST RMSE (not the highest, as an
// accuracy-style "higher is better" would), trained on the real-valued targets (never rounded to integers).
using EdgeSdk.Data;
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Passes.Training;
using EdgeSdk.Recipes;
using EdgeSdk.Targets;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class EpochMetricTests
{
    private const int Features = 8;

    [Fact]
    public void EarlyStoppingOnRmsePicksTheLowestRmseEpoch()
    {
        var (context, student) = RegressionContext(new Random(3));
        TrainingPassRunner.EpochMetricName(context).Should().Be("RootMeanSquaredError", "the budget names it");
        var evaluation = TrainingData.From(context.Data.Evaluation!);
        var metric = TrainingPassRunner.EpochMetric(context, "RootMeanSquaredError", evaluation);
        var seen = new List<double>();
        var graph = new TrainingGraph(student, BatchNormMode.Frozen);
        var trainer = new Trainer(graph, new TrainingOptions { Epochs = 300, BatchSize = 8, LearningRate = 0.01f, Schedule = "constant", Loss = "mse", Patience = 8, WeightDecay = 0, Seed = 1 })
        {
            Metric = metric with { Score = (outputs, columns) => Record(seen, metric.Score(outputs, columns)) },
        };

        var report = trainer.Run(TrainingData.From(context.Data.Training!), evaluation, null, CancellationToken.None);

        report.StoppedEarly.Should().BeTrue("the evaluation RMSE rises once the 40 training samples are over-fitted");
        var finalRmse = Rmse(Trainer.Outputs(graph, evaluation), evaluation.Targets!);
        finalRmse.Should().BeApproximately(seen.Min(), 1e-6, "the kept weights are those of the lowest-RMSE epoch");
        report.BestMetric.Should().Be(seen.Min());
        seen.Last().Should().BeGreaterThan(seen.Min(), "the last epoch was not the best, so keeping the best mattered");
        seen.IndexOf(seen.Min()).Should().Be(seen.Count - 1 - 8, "patience 8: the run stops 8 epochs after the best one");
        finalRmse.Should().BeLessThan(0.5 * Std(evaluation.Targets!), "the real-valued targets were learned, not their integer parts");
    }

    [Fact]
    public void FinetuneReportsTheBudgetedRegressionMetricInItsOwnUnits()
    {
        var (context, _) = RegressionContext(new Random(4));
        var pass = new FinetunePass();
        var options = PassOptions.BindOrThrow(pass, new Dictionary<string, object?> { ["epochs"] = 40L, ["loss"] = "mse", ["learning_rate"] = 0.01, ["batch_size"] = 8L, ["weight_decay"] = 0.0, ["patience"] = 5L });
        var result = pass.Run(PassHarness.Context(context.Model, context.BaselineModel, options, context.Data, context.AccuracyGoals, context.Target, workDirectory: TestPaths.NewTempDir("finetune-rmse"), recipeDirectory: context.RecipeDirectory, metrics: context.MetricSettings));

        result.Figures["RootMeanSquaredError_after"].Should().BeLessThan(result.Figures["RootMeanSquaredError_before"] / 2);
        result.Summary.Should().Contain(s => s.StartsWith("evaluation RootMeanSquaredError ", StringComparison.Ordinal) && s.Contains("lower is better", StringComparison.Ordinal) && !s.Contains('%', StringComparison.Ordinal));
        var evaluation = TrainingData.From(context.Data.Evaluation!);
        Rmse(Predict(result.Model, evaluation.X, evaluation.Count), evaluation.Targets!).Should().BeApproximately(result.Figures["RootMeanSquaredError_after"], 1e-3, "the figure is the RMSE of the returned model");
    }

    [Fact]
    public void RegressionTargetsKeepTheirValuesAndClassLabelsStayIndices()
    {
        var x = Tensor.FromFloat(new float[6], 3, 2);
        var real = TrainingData.From(new InMemoryDataSet("r", new Dictionary<string, Tensor> { ["x"] = x }, Tensor.FromFloat([0.25f, 1.5f, -2.75f], 3)));
        real.Targets.Should().Equal(0.25f, 1.5f, -2.75f);
        real.Labels.Should().BeNull("0.25 is not a class index");

        var classes = TrainingData.From(new InMemoryDataSet("c", new Dictionary<string, Tensor> { ["x"] = x }, Tensor.FromInt64([2, 0, 1], 3)));
        classes.Labels.Should().Equal(2L, 0L, 1L);
        classes.Targets.Should().Equal(2f, 0f, 1f);
    }

    private static double Record(List<double> seen, double value)
    {
        seen.Add(value);
        return value;
    }

    // Targets: a fixed random teacher MLP plus uniform noise of ±0.5, on 40 training and 200 evaluation samples;
    // the student is a wider MLP from another seed. Budget: RMSE may get at most 10 % worse.
    private static (PassContext Context, ModelGraph Student) RegressionContext(Random random)
    {
        float[] R(int n, double scale) => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * scale)).ToArray();
        ModelGraph Mlp(int hidden, double scale) => new(new OnnxModelBuilder(opset: 13, irVersion: 7)
            .Input("x", "N,8").Output("y")
            .Floats("w1", [Features, hidden], R(Features * hidden, scale)).Floats("b1", [hidden], R(hidden, 0.2))
            .Floats("w2", [hidden, 1], R(hidden, scale)).Floats("b2", [1], [0f])
            .Add("Gemm", ["x", "w1", "b1"], ["h"]).Add("Relu", ["h"], ["r"]).Add("Gemm", ["r", "w2", "b2"], ["y"])
            .Model);
        var teacher = Mlp(16, 1.5);
        InMemoryDataSet Set(string name, int samples)
        {
            var x = R(samples * Features, 4);
            var y = Predict(teacher, x, samples).Select(v => v + (float)((random.NextDouble() - 0.5) * 1.0)).ToArray();
            return new InMemoryDataSet(name, new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(x, samples, Features) }, Tensor.FromFloat(y, samples));
        }

        var train = Set("train", 40);
        var test = Set("test", 200);
        var student = Mlp(64, 0.5);
        var context = PassHarness.Context(
            student,
            student.Clone(),
            PassOptions.BindOrThrow(new FinetunePass()),
            new DataSets(null, train, test),
            [new AccuracyGoal("RootMeanSquaredError", 0.1, true, null)],
            metrics: new EvaluationSettings { Task = EvaluationTask.Regression, Metrics = ["MeanAbsoluteError", "RootMeanSquaredError"], MeasureLatency = false });
        return (context, student);
    }

    private static float[] Predict(ModelGraph model, float[] x, int samples)
    {
        using var session = EdgeSdk.Runtime.InferenceSession.FromModel(model.Model);
        return session.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(x, samples, Features) }, ["y"])["y"].AsFloat();
    }

    private static double Rmse(float[] predictions, float[] targets) => Math.Sqrt(predictions.Zip(targets, (p, y) => (double)(p - y) * (p - y)).Average());

    private static double Std(float[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
