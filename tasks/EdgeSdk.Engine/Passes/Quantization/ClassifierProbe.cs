// Runs a (float or quantized) model on a bounded subset of a data set through ONNX Runtime and keeps its
// raw first output and the labels (when the set has them), so the fallback can compute whatever metric
// the budgets name through the evaluator's metric path (OutputMetrics) and compare how far each variant's
// outputs are from the float model's.
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>A model's first output on a data subset, with the labels.</summary>
/// <param name="Outputs">The first output, <c>samples x columns</c> row-major.</param>
/// <param name="Columns">Values per sample.</param>
/// <param name="Labels">One label per sample (the data set's own element type), or null for unlabeled data.</param>
internal sealed record ProbeResult(float[] Outputs, int Columns, Tensor? Labels)
{
    /// <summary>Gets the number of samples.</summary>
    public int Samples => Columns == 0 ? 0 : Outputs.Length / Columns;

    /// <summary>Gets the top-1 accuracy (fraction) of a classifier's scores against integer labels (0 without labels).</summary>
    public double Accuracy
    {
        get
        {
            if (Samples == 0 || Labels is null)
            {
                return 0;
            }

            double[] labels = Labels.Data switch
            {
                long[] l => l.Select(v => (double)v).ToArray(),
                int[] n => n.Select(v => (double)v).ToArray(),
                float[] f => f.Select(v => (double)v).ToArray(),
                double[] d => d,
                var other => other.Cast<object>().Select(o => Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
            };
            var correct = 0;
            for (var i = 0; i < Samples; i++)
            {
                correct += MulticlassMetrics.ArgMax(Outputs.AsSpan(i * Columns, Columns)) == labels[i] ? 1 : 0;
            }

            return (double)correct / Samples;
        }
    }

    /// <summary>Computes every metric of <paramref name="settings"/>' task (with labels) and the fidelity to <paramref name="reference"/> (when given).</summary>
    public OutputMetrics Metrics(EvaluationSettings settings, ProbeResult? reference, string dataName) =>
        OutputMetrics.Compute(settings, Outputs, Math.Max(1, Columns), Labels, reference?.Outputs, dataName);

    /// <summary>Returns the normalized mean squared error of these outputs against <paramref name="reference"/>'s.</summary>
    public double Nmse(ProbeResult reference)
    {
        double error = 0, energy = 0;
        for (var i = 0; i < Outputs.Length; i++)
        {
            var d = Outputs[i] - reference.Outputs[i];
            error += d * d;
            energy += reference.Outputs[i] * (double)reference.Outputs[i];
        }

        return error / Math.Max(energy, 1e-12);
    }
}

/// <summary>Runs models on data subsets.</summary>
internal static class ClassifierProbe
{
    /// <summary>Runs <paramref name="model"/> on the first <paramref name="samples"/> samples (0 = all) of <paramref name="data"/>.</summary>
    public static ProbeResult Run(ModelGraph model, IDataSet data, int samples, int threads, int batchSize = 64, CancellationToken cancellation = default)
    {
        using var session = InferenceSession.FromModel(model.Model, new SessionOptions { IntraOpThreads = Math.Max(1, threads) });
        var output = model.Graph.Output[0].Name;
        var limit = samples <= 0 ? data.Count : Math.Min(samples, data.Count);
        var values = new List<float>();
        var labels = new List<Tensor>();
        var done = 0;
        var columns = 0;
        foreach (var batch in data.Batches(batchSize))
        {
            cancellation.ThrowIfCancellationRequested();
            if (done >= limit)
            {
                break;
            }

            var take = Math.Min(batch.Count, limit - done);
            var inputs = batch.Inputs.ToDictionary(kv => kv.Key, kv => take == batch.Count ? kv.Value : kv.Value.SliceRows(0, take), StringComparer.Ordinal);
            var y = session.Run(inputs, [output], cancellation)[output].AsFloat();
            columns = y.Length / take;
            values.AddRange(y);
            if (batch.Labels is { } batchLabels)
            {
                labels.Add(take == batch.Count ? batchLabels : batchLabels.SliceRows(0, take));
            }

            done += take;
        }

        return new ProbeResult([.. values], columns, labels.Count == 0 ? null : OutputMetrics.ConcatenateRows(labels));
    }
}
