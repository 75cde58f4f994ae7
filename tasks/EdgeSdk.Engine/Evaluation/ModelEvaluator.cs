// Evaluates one model the way the pipeline needs it: metrics of the task on the evaluation data, fidelity
// to a reference model, host latency, static analysis and the target estimate, with progress and
// cancellation. The inference engine comes in through a runner factory (ONNX Runtime in production).
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Evaluates models.</summary>
internal sealed class ModelEvaluator
{
    private readonly Func<ModelGraph, int, IModelRunner> _runnerFactory;

    /// <summary>Creates an evaluator whose models run through <paramref name="runnerFactory"/> (model, intra-op threads).</summary>
    public ModelEvaluator(Func<ModelGraph, int, IModelRunner> runnerFactory) => _runnerFactory = runnerFactory;

    /// <summary>Evaluates <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">Evaluation data (labels optional), or null for latency and static figures only.</param>
    /// <param name="settings">Task, metrics and the latency protocol.</param>
    /// <param name="progress">Receives progress of the inference and latency steps (throttle it for logs).</param>
    /// <param name="ct">Cancels between batches and runs.</param>
    public EvaluationResult Evaluate(ModelGraph model, IDataSet? data, EvaluationSettings settings, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        Validate(settings, data);
        using var runner = _runnerFactory(model, settings.Threads);
        var inputs = runner.InputNames;

        var (outputs, outputShape, labels) = data is null ? ([], [], null) : Infer(runner, data, settings.MetricBatch, "evaluation", progress, ct);
        var columns = outputShape.Length == 0 ? 1 : (int)(outputs.Length / Math.Max(1, outputShape[0]));
        float[]? referenceOutputs = null;
        if (settings.Reference is { } reference && data is not null && outputs.Length > 0)
        {
            referenceOutputs = ReferenceEquals(reference, model) ? outputs : settings.ReferenceOutputs ?? InferReference(reference, data, settings, progress, ct);
        }

        var computed = OutputMetrics.Compute(settings, outputs, columns, data is null ? null : labels, referenceOutputs, data?.Name ?? string.Empty);
        var metrics = computed.Values;
        var task = computed.Task;
        var fidelity = computed.Fidelity;

        ct.ThrowIfCancellationRequested();
        var timingFeeds = DataFeeds.TimingBatch(model, inputs, data, settings.Batch);
        LatencyStatistics? latency = null;
        if (settings.MeasureLatency)
        {
            using var repeated = runner.PrepareRepeated(timingFeeds);
            latency = LatencyRunner.Measure(repeated, settings, progress, ct);
        }

        var analysis = StaticAnalyzer.Analyze(model, Shapes(model, settings, timingFeeds), settings.Batch);
        return new EvaluationResult
        {
            Metrics = metrics,
            Latency = latency,
            ModelBytes = analysis.ModelBytes,
            Static = analysis,
            Estimate = settings.Target is { } target ? RooflineEstimator.Estimate(analysis, target) : null,
            Machine = MachineInfo.Current(),
            Multiclass = task?.Multiclass,
            Binary = task?.Binary,
            Regression = task?.Regression,
            Fidelity = fidelity,
            Outputs = outputs,
            OutputShape = outputShape,
        };
    }

    private float[] InferReference(ModelGraph reference, IDataSet data, EvaluationSettings settings, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        using var referenceRunner = _runnerFactory(reference, settings.Threads);
        return Infer(referenceRunner, data, settings.MetricBatch, "fidelity", progress, ct).Values;
    }

    // Runs every batch and concatenates the first output's values (samples first) and the labels.
    private static (float[] Values, long[] Shape, Tensor? Labels) Infer(IModelRunner runner, IDataSet data, int batchSize, string step, IProgress<ProgressUpdate>? progress, CancellationToken ct)
    {
        var first = runner.OutputNames.Take(1).ToArray();
        var values = new List<float>();
        var labels = new List<Tensor>();
        long[] shape = [];
        long done = 0;
        foreach (var batch in data.Batches(batchSize))
        {
            ct.ThrowIfCancellationRequested();
            var output = runner.Run(DataFeeds.ForModel(batch, runner.InputNames, data.Name), first)[0];
            values.AddRange(DataFeeds.ToFloat(output));
            shape = output.Shape.Length == 0 ? [1] : output.Shape;
            if (batch.Labels is not null)
            {
                labels.Add(batch.Labels);
            }

            done += batch.Count;
            progress?.Report(new ProgressUpdate(step, done, data.Count));
        }

        var total = shape.ToArray();
        if (total.Length > 0)
        {
            total[0] = done;
        }

        return (values.ToArray(), total, labels.Count == 0 ? null : OutputMetrics.ConcatenateRows(labels));
    }

    // Shape inference at the evaluated batch size first; values it cannot resolve (unsupported operators)
    // are measured by a probing run. A model the probe cannot run keeps the inferred shapes.
    private Dictionary<string, ValueShape> Shapes(ModelGraph model, EvaluationSettings settings, IReadOnlyDictionary<string, Tensor> feeds)
    {
        var shapes = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        foreach (var (name, type) in ShapeInference.Infer(model, feeds.ToDictionary(f => f.Key, f => f.Value.Shape, StringComparer.Ordinal)))
        {
            if (type.KnownDims() is { } dims && type.ElementType != TensorElementType.Undefined)
            {
                shapes[name] = new ValueShape(type.ElementType, dims);
            }
        }

        if (model.Graph.Node.SelectMany(n => n.Output).All(o => o.Length == 0 || shapes.ContainsKey(o)))
        {
            return shapes;
        }

        try
        {
            foreach (var (name, shape) in RuntimeShapeProbe.Probe(model, m => _runnerFactory(m, settings.Threads), feeds))
            {
                shapes.TryAdd(name, shape);
            }
        }
        catch (EdgeException)
        {
        }

        return shapes;
    }

    private static void Validate(EvaluationSettings settings, IDataSet? data)
    {
        void Require(bool ok, string what)
        {
            if (!ok)
            {
                throw new EdgeException(DiagnosticCatalog.Evaluation.InvalidSetting, $"Evaluation setting {what}.");
            }
        }

        Require(settings.Runs >= 1, $"'runs' is {settings.Runs}; time at least 1 run (100 or more for a stable p90)");
        Require(settings.Warmup >= 0, $"'warmup' is {settings.Warmup}; use 0 or more");
        Require(settings.Batch >= 1, $"'batch' is {settings.Batch}; use 1 or more");
        Require(settings.Threads >= 1, $"'threads' is {settings.Threads}; use 1 or more");
        Require(settings.MetricBatch >= 1, $"'metric batch' is {settings.MetricBatch}; use 1 or more");
        Require(settings.DurationSeconds is null or > 0, $"'duration' is {settings.DurationSeconds} s; use a positive number of seconds or leave it out");
        Require(settings.TopK >= 1, $"'top_k' is {settings.TopK}; use 1 or more");

        var known = MetricNames.For(settings.Task);
        foreach (var metric in settings.Metrics)
        {
            if (!known.Contains(metric, StringComparer.Ordinal))
            {
                throw new EdgeException(DiagnosticCatalog.Evaluation.UnknownMetric, $"Metric '{metric}' is not reported for task '{settings.Task.ToString().ToLowerInvariant()}'. Use one of: {string.Join(", ", known)}.");
            }

            var isFidelity = !MetricNames.NeedsLabels(metric);
            if (isFidelity && settings.Reference is null)
            {
                throw new EdgeException(DiagnosticCatalog.Evaluation.UnknownMetric, $"Metric '{metric}' compares with a reference model, and none was given.");
            }

            if (!isFidelity && data is not { HasLabels: true })
            {
                throw new EdgeException(DiagnosticCatalog.Evaluation.LabelsMissing, data is null
                    ? $"Metric '{metric}' needs evaluation data with labels, and the recipe gives no evaluation data."
                    : $"Metric '{metric}' needs labels, and data set '{data.Name}' has none. Add labels, or ask only for fidelity metrics (Top1Agreement, SqnrDb …).");
            }
        }
    }
}
