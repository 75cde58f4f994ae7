// The part finetune, distill and qat share: read the data sets, optionally compute teacher outputs, train
// the student with checkpoints in the work directory, write the weights back into the student's ONNX
// initializers and describe the run in the pass result. Early stopping and the best epoch are judged on
// the metric the budgets name (else the first of evaluate.metrics), in its own direction, computed by the
// evaluator's metric path (OutputMetrics): task metrics on labels, fidelity to the input model without.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Tensors;
using EdgeSdk.Training;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Runs a training pass.</summary>
internal static class TrainingPassRunner
{
    /// <summary>Trains <paramref name="student"/> (in place) and returns the result.</summary>
    public static PassResult Run(PassContext context, string passName, ModelGraph student, ModelGraph? teacher, TrainingOptions options, Action<TrainingGraph>? prepare = null)
    {
        var trainSet = context.Data.Training ?? throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"The {passName} pass needs a training data set: add data.training to the recipe.");
        var train = TrainingData.From(trainSet);
        var metricName = EpochMetricName(context);
        var evaluation = metricName is not null && context.Data.Evaluation is { } e ? TrainingData.From(e) : null;
        if (teacher is not null)
        {
            train.Teacher = TeacherOutputs.Compute(teacher, train, context.Threads, context.Cancellation);
        }

        var metric = evaluation is null ? null : EpochMetric(context, metricName!, evaluation);
        var graph = new TrainingGraph(student, options.BatchNorm);
        prepare?.Invoke(graph);
        var trainer = new Trainer(graph, options) { Progress = context.Progress, Metric = metric };
        var before = evaluation is null ? double.NaN : trainer.Evaluate(evaluation);
        Directory.CreateDirectory(context.WorkDirectory);
        var report = trainer.Run(train, evaluation, Path.Combine(context.WorkDirectory, passName + ".ckpt"), context.Cancellation);
        graph.WriteBack(student);

        var result = new PassResult(student);
        var c = CultureInfo.InvariantCulture;
        result.Summary.Add(string.Format(c, "trained {0} parameter tensors for {1} epoch(s), {2} steps ({3}{4})", graph.Trainable.Count(), report.EpochsRun, report.Steps, teacher is null ? "labels" : options.Alpha >= 1 ? "labels" : options.Alpha <= 0 || train.Labels is null ? "teacher" : "labels + teacher", report.StoppedEarly ? ", stopped early" : string.Empty));
        if (report.ResumedAtStep >= 0)
        {
            result.Summary.Add(string.Format(c, "resumed from a checkpoint at step {0}", report.ResumedAtStep));
        }

        if (!double.IsNaN(before))
        {
            var after = options.Patience == 0 && !double.IsNaN(report.LastMetric) ? report.LastMetric : trainer.Evaluate(evaluation!);
            var definition = MetricDefinition.Of(metricName!);
            string Level(double v) => definition.IsFraction ? v.ToString("P2", c) : v.ToString(Math.Abs(v) >= 100 ? "0.##" : "0.####", c) + (definition.Unit == MetricUnit.Decibels ? " dB" : string.Empty);
            result.Summary.Add($"evaluation {metricName} {Level(before)} → {Level(after)}{(options.Patience > 0 ? $" (best epoch by {metricName}, {(definition.HigherIsBetter ? "higher" : "lower")} is better)" : string.Empty)}");
            result.Figures[metricName + "_before"] = before;
            result.Figures[metricName + "_after"] = after;
        }

        result.Figures["epochs"] = report.EpochsRun;
        result.Figures["steps"] = report.Steps;
        if (!double.IsNaN(report.FinalLoss))
        {
            result.Figures["final_loss"] = report.FinalLoss;
        }

        return result;
    }

    /// <summary>Returns the metric the training judges its epochs by: the first budgeted metric the evaluation set can measure, else the first such metric of evaluate.metrics; null without evaluation data (or when none can be measured).</summary>
    public static string? EpochMetricName(PassContext context)
    {
        if (context.Data.Evaluation is not { } evaluation)
        {
            return null;
        }

        var known = MetricNames.For(context.MetricSettings.Task);
        bool Measurable(string metric) => known.Contains(metric, StringComparer.OrdinalIgnoreCase) && (evaluation.HasLabels || !MetricDefinition.Of(metric).NeedsLabels);
        return context.AccuracyGoals.Select(g => g.Metric).Concat(context.MetricSettings.Metrics).FirstOrDefault(Measurable);
    }

    /// <summary>Returns the epoch metric <paramref name="metricName"/> on <paramref name="evaluation"/>, computed through the evaluator's metric path (fidelity compares with the pipeline's input model).</summary>
    public static EpochMetric EpochMetric(PassContext context, string metricName, TrainingData evaluation)
    {
        var definition = MetricDefinition.Of(metricName);
        var labels = evaluation.Targets is { } targets ? Tensor.FromFloat(targets, evaluation.Count) : null;
        var reference = definition.NeedsLabels ? null : TeacherOutputs.Compute(context.BaselineModel, evaluation, context.Threads, context.Cancellation);
        var name = context.Data.Evaluation?.Name ?? "evaluation";
        return new EpochMetric(
            metricName,
            (outputs, columns) => OutputMetrics.Compute(context.MetricSettings, outputs, Math.Max(1, columns), definition.NeedsLabels ? labels : null, reference, name).Find(metricName) ?? double.NaN,
            definition.IsBetter);
    }
}
