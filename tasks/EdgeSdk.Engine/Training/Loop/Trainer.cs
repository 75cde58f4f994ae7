// The training loop: seeded mini-batches, forward, loss (labels, teacher or both), backward, optimizer
// step with a scheduled learning rate; evaluation after every epoch with early stopping; checkpoints in
// the work directory so a cancelled or interrupted run resumes exactly where it stopped. Single-threaded
// with fixed summation orders, so a seed gives bit-identical weights whether or not the run was resumed.
using EdgeSdk.IO;
using EdgeSdk.Diagnostics;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Optimization;

namespace EdgeSdk.Training.Loop;

/// <summary>What a training run did.</summary>
/// <param name="Steps">Optimizer steps in all (including those before a resume).</param>
/// <param name="EpochsRun">Epochs completed.</param>
/// <param name="FinalLoss">Mean loss of the last epoch's batches run in this process (NaN when none ran).</param>
/// <param name="BestMetric">Best value of the evaluation metric (<see cref="Trainer.Metric"/>, top-1 accuracy by default) over the epochs (NaN without evaluation data).</param>
/// <param name="LastMetric">The evaluation metric after the last epoch (NaN without evaluation data).</param>
/// <param name="StoppedEarly">True when early stopping ended the run.</param>
/// <param name="ResumedAtStep">The step a checkpoint resumed from, or −1.</param>
internal sealed record TrainingReport(long Steps, int EpochsRun, double FinalLoss, double BestMetric, double LastMetric, bool StoppedEarly, long ResumedAtStep);

/// <summary>The metric early stopping and best-epoch selection judge every epoch by.</summary>
/// <param name="Name">The metric's name (enters the checkpoint fingerprint).</param>
/// <param name="Score">Computes the metric from the graph's first output on the evaluation set (<c>samples x columns</c>, row-major) and the number of columns.</param>
/// <param name="IsBetter">Returns whether the first value is strictly better than the second, in the metric's direction.</param>
internal sealed record EpochMetric(string Name, Func<float[], int, double> Score, Func<double, double, bool> IsBetter);

/// <summary>Runs training on a <see cref="TrainingGraph"/>.</summary>
internal sealed class Trainer
{
    private readonly TrainingGraph _graph;
    private readonly TrainingOptions _o;

    /// <summary>Creates a trainer.</summary>
    public Trainer(TrainingGraph graph, TrainingOptions options)
    {
        _graph = graph;
        _o = options;
        _graph.BatchNorm = options.BatchNorm;
        _graph.Freeze(options.Frozen);
    }

    /// <summary>Gets or sets a callback after every optimizer step (global step count).</summary>
    public Action<long>? OnStep { get; set; }

    /// <summary>Gets or sets the progress sink.</summary>
    public IProgress<EdgeSdk.Diagnostics.ProgressUpdate>? Progress { get; set; }

    /// <summary>Gets the evaluation metric of every epoch (early stopping, best weights), or null for top-1 accuracy on labels (higher is better).</summary>
    public EpochMetric? Metric { get; init; }

    /// <summary>Trains; checkpoints go to <paramref name="checkpointPath"/> when given. Throws <see cref="OperationCanceledException"/> after saving a checkpoint when cancelled.</summary>
    public TrainingReport Run(TrainingData train, TrainingData? evaluation, string? checkpointPath, CancellationToken cancellation)
    {
        if (train.Count == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, "The training set is empty.");
        }

        var useLabels = train.Targets is not null && _o.Alpha > 0;
        var useTeacher = train.Teacher is not null && _o.Alpha < 1;
        if (!useLabels && !useTeacher)
        {
            throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, "Training needs labels or a teacher: the training set has no labels" + (train.Teacher is null ? " and no teacher was given." : " and alpha = 1 ignores the teacher."));
        }

        var alpha = !useTeacher ? 1f : !useLabels ? 0f : _o.Alpha;
        var parameters = _graph.Parameters;
        var optimizer = Optimizers.Create(_o.Optimizer, parameters, _o.WeightDecay, _o.Momentum);
        var trainable = _graph.Trainable.ToArray();
        var batch = Math.Min(_o.BatchSize, train.Count);
        var stepsPerEpoch = (train.Count + batch - 1) / batch;
        var totalSteps = (long)stepsPerEpoch * _o.Epochs;
        var fingerprint = Checkpoint.ComputeFingerprint(parameters.Select(p => p.Data), _o.Describe() + "|" + string.Join(",", trainable.Select(p => p.Name)) + "|" + (Metric?.Name ?? "accuracy"), train);

        var state = checkpointPath is null ? null : Checkpoint.TryRead(checkpointPath, fingerprint);
        var resumedAt = -1L;
        if (state is not null)
        {
            Restore(parameters, state.Parameters);
            Restore(optimizer.State(), state.OptimizerState);
            optimizer.RestoreSteps(state.Step);
            resumedAt = state.Step;
        }

        state ??= new Checkpoint { Fingerprint = fingerprint };
        var best = state.BestParameters;
        var labels = new long[batch];
        var teacher = useTeacher ? new float[batch * TeacherClasses(train)] : [];
        double lastLoss = double.NaN;
        double lastMetric = double.NaN;
        var stoppedEarly = false;
        var step = state.Step;

        void Save(int epoch, int nextBatch)
        {
            if (checkpointPath is null)
            {
                return;
            }

            state.Epoch = epoch;
            state.Batch = nextBatch;
            state.Step = step;
            state.Parameters = parameters.Select(p => (float[])p.Data.Clone()).ToList();
            state.OptimizerState = optimizer.State().Select(a => (float[])a.Clone()).ToList();
            state.BestParameters = best;
            state.Write(checkpointPath);
        }

        var epochsRun = state.Epoch;
        for (var epoch = state.Epoch; epoch < _o.Epochs && !stoppedEarly; epoch++)
        {
            var order = train.Order(_o.Seed, epoch);
            double lossSum = 0;
            var lossCount = 0;
            var firstBatch = epoch == state.Epoch ? state.Batch : 0;
            for (var b = firstBatch; b < stepsPerEpoch; b++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    Save(epoch, b);
                    cancellation.ThrowIfCancellationRequested();
                }

                var start = b * batch;
                var n = Math.Min(batch, train.Count - start);
                var indices = order.AsSpan(start, n);
                var plan = _graph.Plan([n, .. train.SampleShape], training: true);
                train.Gather(indices, plan.Inputs[0].Span);
                foreach (var p in trainable)
                {
                    Array.Clear(p.Grad);
                }

                plan.Forward();
                var loss = ComputeLoss(plan, train, indices, alpha, labels, teacher);
                if (!double.IsFinite(loss))
                {
                    throw new EdgeException(DiagnosticCatalog.Training.Diverged, $"The training loss became {loss} at epoch {epoch + 1}, step {step + 1}: training diverged. Lower learning_rate (now {_o.LearningRate}) or add warm-up.");
                }

                plan.Backward();
                optimizer.Step(LearningRateSchedule.At(_o, step, totalSteps, stepsPerEpoch));
                step++;
                lossSum += loss;
                lossCount++;
                if (_o.CheckpointEvery > 0 && step % _o.CheckpointEvery == 0 && b + 1 < stepsPerEpoch)
                {
                    Save(epoch, b + 1);
                }

                Progress?.Report(new EdgeSdk.Diagnostics.ProgressUpdate("training", step, totalSteps, $"loss {loss:F4}"));
                OnStep?.Invoke(step);
            }

            lastLoss = lossCount > 0 ? lossSum / lossCount : lastLoss;
            epochsRun = epoch + 1;
            if (evaluation is not null && (Metric is not null || evaluation.Labels is not null))
            {
                lastMetric = Evaluate(evaluation);
                if (double.IsNaN(state.BestMetric) || IsBetter(lastMetric, state.BestMetric))
                {
                    state.BestMetric = lastMetric;
                    state.EpochsWithoutImprovement = 0;
                    best = _o.Patience > 0 ? parameters.Select(p => (float[])p.Data.Clone()).ToList() : [];
                }
                else
                {
                    state.EpochsWithoutImprovement++;
                    stoppedEarly = _o.Patience > 0 && state.EpochsWithoutImprovement >= _o.Patience;
                }
            }

            Save(epoch + 1, 0);
        }

        if (_o.Patience > 0 && best.Count == parameters.Count)
        {
            Restore(parameters, best);
        }

        if (checkpointPath is not null && File.Exists(checkpointPath))
        {
            File.Delete(checkpointPath);
        }

        return new TrainingReport(step, epochsRun, lastLoss, state.BestMetric, lastMetric, stoppedEarly, resumedAt);
    }

    /// <summary>Returns the evaluation metric (<see cref="Metric"/>, or top-1 accuracy) of the graph on <paramref name="data"/>.</summary>
    public double Evaluate(TrainingData data)
    {
        if (Metric is null)
        {
            return Accuracy(_graph, data);
        }

        var outputs = Outputs(_graph, data);
        return Metric.Score(outputs, data.Count == 0 ? 1 : outputs.Length / data.Count);
    }

    /// <summary>Returns the graph's first output on every sample of <paramref name="data"/>, <c>samples x columns</c> row-major.</summary>
    public static float[] Outputs(TrainingGraph graph, TrainingData data)
    {
        var outputs = new List<float>();
        const int Chunk = 256;
        for (var start = 0; start < data.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, data.Count - start);
            var plan = graph.Plan([n, .. data.SampleShape], training: false);
            data.X.AsSpan(start * data.SampleSize, n * data.SampleSize).CopyTo(plan.Inputs[0].Span);
            plan.Forward();
            outputs.AddRange(plan.Outputs[0].Span);
        }

        return [.. outputs];
    }

    /// <summary>Returns the top-1 accuracy of the graph's first output on labeled data.</summary>
    public static double Accuracy(TrainingGraph graph, TrainingData data)
    {
        var labels = data.Labels ?? throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, "Accuracy needs labels.");
        var correct = 0;
        const int Chunk = 256;
        for (var start = 0; start < data.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, data.Count - start);
            var plan = graph.Plan([n, .. data.SampleShape], training: false);
            data.X.AsSpan(start * data.SampleSize, n * data.SampleSize).CopyTo(plan.Inputs[0].Span);
            plan.Forward();
            var y = plan.Outputs[0].Span;
            var classes = y.Length / n;
            for (var i = 0; i < n; i++)
            {
                var row = y.Slice(i * classes, classes);
                if (System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row) == labels[start + i])
                {
                    correct++;
                }
            }
        }

        return (double)correct / data.Count;
    }

    private bool IsBetter(double a, double b) => Metric?.IsBetter(a, b) ?? a > b;

    private static int TeacherClasses(TrainingData train) => train.Teacher!.Length / train.Count;

    private static void Restore(IReadOnlyList<TrainingParameter> parameters, List<float[]> values) => Restore(parameters.Select(p => p.Data).ToList(), values);

    private static void Restore(IReadOnlyList<float[]> targets, List<float[]> values)
    {
        if (targets.Count != values.Count)
        {
            throw new EdgeException(DiagnosticCatalog.Training.CheckpointMismatch, "The checkpoint holds a different number of arrays than the run; delete the work directory's checkpoint and rerun.");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            values[i].CopyTo(targets[i], 0);
        }
    }

    private double ComputeLoss(ExecutionPlan plan, TrainingData train, ReadOnlySpan<int> indices, float alpha, long[] labels, float[] teacher)
    {
        var output = plan.Outputs[0];
        var logits = output.Span;
        var grad = output.GradSpan;
        var n = indices.Length;
        var classes = output.Length / n;
        double loss = 0;
        if (alpha > 0)
        {
            if (train.Labels is null && (_o.Loss != "mse" || classes != 1))
            {
                throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"The training labels are not whole numbers, so they are not class indices for the {(_o.Loss == "mse" ? $"one-hot mse loss of a model with {classes} outputs" : "cross_entropy loss")}; regression targets train a single-output model with loss: mse.");
            }

            for (var i = 0; i < n && train.Labels is not null; i++)
            {
                labels[i] = train.Labels[indices[i]];
            }

            if (_o.Loss == "mse")
            {
                Span<float> target = new float[output.Length];
                for (var i = 0; i < n; i++)
                {
                    if (classes == 1)
                    {
                        target[i] = train.Targets![indices[i]]; // the label's own value: a regression target is not rounded
                    }
                    else
                    {
                        target[(i * classes) + (int)labels[i]] = 1f;
                    }
                }

                loss += alpha * Losses.MeanSquaredError(logits, target, grad, alpha);
            }
            else
            {
                loss += alpha * Losses.CrossEntropy(logits, labels.AsSpan(0, n), classes, grad, alpha);
            }
        }

        if (alpha < 1)
        {
            var tc = TeacherClasses(train);
            if (tc != classes)
            {
                throw new EdgeException(DiagnosticCatalog.Training.BadTeacherOrStudent, $"The teacher has {tc} outputs per sample and the student {classes}; they must match for distillation.");
            }

            for (var i = 0; i < n; i++)
            {
                train.Teacher.AsSpan(indices[i] * tc, tc).CopyTo(teacher.AsSpan(i * tc, tc));
            }

            loss += (1 - alpha) * Losses.DistillationKl(logits, teacher.AsSpan(0, n * tc), classes, _o.Temperature, grad, 1 - alpha, accumulate: alpha > 0);
        }

        return loss;
    }
}
