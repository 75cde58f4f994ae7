// Runs a (float or quantized) classifier on a bounded subset of a labelled data set through ONNX
// Runtime and keeps its logits, so the fallback can compare variants by top-1 accuracy and by how far
// their logits are from the float model's.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Logits of a model on a data subset, with the labels.</summary>
/// <param name="Logits">Per-sample logits (first model output), [samples][classes].</param>
/// <param name="Labels">Per-sample labels.</param>
internal sealed record ProbeResult(float[][] Logits, long[] Labels)
{
    /// <summary>Gets the top-1 accuracy (fraction).</summary>
    public double Accuracy => Logits.Length == 0 ? 0 : Logits.Select((l, i) => ArgMax(l) == Labels[i] ? 1 : 0).Average();

    /// <summary>Returns the normalized mean squared error of these logits against <paramref name="reference"/>'s.</summary>
    public double Nmse(ProbeResult reference)
    {
        double error = 0, energy = 0;
        for (var i = 0; i < Logits.Length; i++)
        {
            for (var j = 0; j < Logits[i].Length; j++)
            {
                var d = Logits[i][j] - reference.Logits[i][j];
                error += d * d;
                energy += reference.Logits[i][j] * reference.Logits[i][j];
            }
        }

        return error / Math.Max(energy, 1e-12);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>Runs classifiers on labelled subsets.</summary>
internal static class ClassifierProbe
{
    /// <summary>Runs <paramref name="model"/> on the first <paramref name="samples"/> samples (0 = all) of <paramref name="data"/>.</summary>
    public static ProbeResult Run(ModelGraph model, IDataSet data, int samples, int threads, int batchSize = 64, CancellationToken cancellation = default)
    {
        using var session = InferenceSession.FromModel(model.Model, new SessionOptions { IntraOpThreads = Math.Max(1, threads) });
        var output = model.Graph.Output[0].Name;
        var limit = samples <= 0 ? data.Count : Math.Min(samples, data.Count);
        var logits = new List<float[]>(limit);
        var labels = new List<long>(limit);
        foreach (var batch in data.Batches(batchSize))
        {
            cancellation.ThrowIfCancellationRequested();
            if (logits.Count >= limit)
            {
                break;
            }

            var take = Math.Min(batch.Count, limit - logits.Count);
            var inputs = batch.Inputs.ToDictionary(kv => kv.Key, kv => take == batch.Count ? kv.Value : kv.Value.SliceRows(0, take), StringComparer.Ordinal);
            var y = session.Run(inputs, [output], cancellation)[output];
            var values = y.AsFloat();
            var classes = (int)(values.Length / take);
            for (var i = 0; i < take; i++)
            {
                logits.Add(values.AsSpan(i * classes, classes).ToArray());
            }

            var batchLabels = batch.Labels is null ? new long[take] : LabelsOf(batch.Labels);
            labels.AddRange(batchLabels.Take(take));
        }

        return new ProbeResult([.. logits], [.. labels]);
    }

    private static long[] LabelsOf(Tensor labels) => labels.Data switch
    {
        long[] l => l,
        int[] i => i.Select(v => (long)v).ToArray(),
        float[] f => f.Select(v => (long)v).ToArray(),
        _ => throw new InvalidOperationException($"Labels of type {labels.ElementType} are not class indices."),
    };
}
