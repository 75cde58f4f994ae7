// The one path from a model's outputs to metric values: the task's metrics when labels are given
// (TaskMetrics) and fidelity to a reference model when its outputs are given (FidelityMetrics), flattened
// into one name -> value table. The evaluator, the quantize pass's accuracy fallback and the training
// passes' early stopping all compute their metrics here, so a budget means the same thing everywhere.
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Every metric computable from one model's outputs on one data set.</summary>
/// <param name="Values">Metric name → value (task metrics and, with a reference, fidelity metrics).</param>
/// <param name="Task">The task's structured metrics, or null without labels.</param>
/// <param name="Fidelity">Fidelity to the reference, or null without reference outputs.</param>
internal sealed record OutputMetrics(SortedDictionary<string, double> Values, TaskMetrics? Task, FidelityMetrics? Fidelity)
{
    /// <summary>Computes the metrics of <paramref name="outputs"/> (<c>samples x columns</c>, row-major).</summary>
    /// <param name="settings">Task, top-k and binary threshold (the metric settings of the evaluation).</param>
    /// <param name="outputs">The model's first output on every sample.</param>
    /// <param name="columns">Values per sample.</param>
    /// <param name="labels">One label per sample, or null (no task metrics).</param>
    /// <param name="referenceOutputs">The reference model's first output on the same samples, or null (no fidelity metrics).</param>
    /// <param name="dataName">The data set's name, for messages.</param>
    public static OutputMetrics Compute(EvaluationSettings settings, float[] outputs, int columns, Tensor? labels, float[]? referenceOutputs, string dataName)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        TaskMetrics? task = null;
        if (labels is not null && outputs.Length > 0)
        {
            task = TaskMetrics.Compute(settings, outputs, columns, labels, dataName);
            foreach (var (name, value) in task.Values)
            {
                values[name] = value;
            }
        }

        FidelityMetrics? fidelity = null;
        if (referenceOutputs is not null && outputs.Length > 0)
        {
            if (referenceOutputs.Length != outputs.Length)
            {
                throw new EdgeException(DiagnosticCatalog.Evaluation.FidelityShapeMismatch, $"The reference model gives {referenceOutputs.Length} output values on '{dataName}', the evaluated model {outputs.Length}; fidelity needs outputs of the same shape.");
            }

            fidelity = FidelityMetrics.Compute(outputs, referenceOutputs, columns);
            values["Top1Agreement"] = fidelity.Top1Agreement;
            values["MeanAbsoluteDifference"] = fidelity.MeanAbsoluteDifference;
            values["MaxAbsoluteDifference"] = fidelity.MaxAbsoluteDifference;
            values["Sqnr"] = fidelity.SqnrDb;
        }

        return new OutputMetrics(values, task, fidelity);
    }

    /// <summary>Returns the value of <paramref name="metric"/> (case-insensitive), or null when it was not computed.</summary>
    public double? Find(string metric)
    {
        if (Values.TryGetValue(metric, out var exact))
        {
            return exact;
        }

        foreach (var (name, value) in Values)
        {
            if (string.Equals(name, metric, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Concatenates per-batch tensors along the first dimension (labels gathered batch by batch).</summary>
    public static Tensor ConcatenateRows(IReadOnlyList<Tensor> parts)
    {
        var shape = (long[])parts[0].Shape.Clone();
        shape[0] = parts.Sum(p => p.Shape[0]);
        var data = Array.CreateInstance(parts[0].Data.GetType().GetElementType()!, parts.Sum(p => p.Length));
        long offset = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Data, 0, data, offset, part.Length);
            offset += part.Length;
        }

        return Tensor.Create(parts[0].ElementType, data, shape);
    }
}
