// The part finetune, distill and qat share: read the data sets, optionally compute teacher outputs, train
// the student with checkpoints in the work directory, write the weights back into the student's ONNX
// initializers and describe the run in the pass result.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
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
        var evaluation = context.Data.Evaluation is { HasLabels: true } e ? TrainingData.From(e) : null;
        if (teacher is not null)
        {
            train.Teacher = TeacherOutputs.Compute(teacher, train, context.Threads, context.Cancellation);
        }

        var graph = new TrainingGraph(student, options.BatchNorm);
        prepare?.Invoke(graph);
        var before = evaluation is null ? double.NaN : Trainer.Accuracy(graph, evaluation);
        var trainer = new Trainer(graph, options) { Progress = context.Progress };
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
            var after = options.Patience == 0 && !double.IsNaN(report.LastMetric) ? report.LastMetric : Trainer.Accuracy(graph, evaluation!);
            result.Summary.Add(string.Format(c, "evaluation accuracy {0:P2} → {1:P2}", before, after));
            result.Figures["accuracy_before"] = before;
            result.Figures["accuracy_after"] = after;
        }

        result.Figures["epochs"] = report.EpochsRun;
        result.Figures["steps"] = report.Steps;
        if (!double.IsNaN(report.FinalLoss))
        {
            result.Figures["final_loss"] = report.FinalLoss;
        }

        return result;
    }
}
