// Per-tensor signal-to-quantization-noise ratio between the float model's activations and the
// quantized model's dequantized ones (as ORT's qdq_loss_debug reports), worst first, so a user whose
// accuracy dropped sees where the error enters instead of a bare number.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;

namespace EdgeSdk.Passes.Quantization;

/// <summary>SQNR of one tensor.</summary>
/// <param name="Tensor">Float-model tensor name.</param>
/// <param name="SqnrDb">10·log10(Σx² / Σ(x − x̂)²) in dB (higher is better; +∞ when exact).</param>
internal sealed record TensorSqnr(string Tensor, double SqnrDb);

/// <summary>Computes per-tensor SQNR between a float model and its quantized version.</summary>
internal static class SqnrReport
{
    /// <summary>
    /// Runs both models on up to <paramref name="samples"/> samples and compares each float tensor with the
    /// quantized model's tensor named in <paramref name="pairs"/> (float name → quantized-model name); worst first.
    /// </summary>
    public static IReadOnlyList<TensorSqnr> Measure(ModelGraph floatModel, ModelGraph quantizedModel, IReadOnlyDictionary<string, string> pairs, IDataSet data, int samples, int threads, int batchSize = 32)
    {
        var floatNames = pairs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var floatInputs = floatModel.RealInputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        floatNames.RemoveAll(floatInputs.Contains);
        if (floatNames.Count == 0 || samples <= 0)
        {
            return [];
        }

        var quantNames = floatNames.Select(n => pairs[n]).ToList();
        var options = new SessionOptions { IntraOpThreads = Math.Max(1, threads) };
        using var floatSession = InferenceSession.FromModel(CalibrationCollector.WithOutputs(floatModel, floatNames).Model, options);
        using var quantSession = InferenceSession.FromModel(CalibrationCollector.WithOutputs(quantizedModel, quantNames.Distinct(StringComparer.Ordinal)).Model, options);
        var signal = new double[floatNames.Count];
        var noise = new double[floatNames.Count];
        var seen = 0;
        foreach (var batch in data.Batches(batchSize))
        {
            if (seen >= samples)
            {
                break;
            }

            var take = Math.Min(batch.Count, samples - seen);
            var inputs = batch.Inputs.ToDictionary(kv => kv.Key, kv => take == batch.Count ? kv.Value : kv.Value.SliceRows(0, take), StringComparer.Ordinal);
            var f = floatSession.Run(inputs, floatNames);
            var q = quantSession.Run(inputs, quantNames.Distinct(StringComparer.Ordinal).ToList());
            for (var t = 0; t < floatNames.Count; t++)
            {
                var x = f[floatNames[t]].AsFloat();
                var y = q[quantNames[t]].AsFloat();
                for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
                {
                    signal[t] += (double)x[i] * x[i];
                    var d = (double)x[i] - y[i];
                    noise[t] += d * d;
                }
            }

            seen += take;
        }

        return floatNames
            .Select((n, t) => new TensorSqnr(n, noise[t] == 0 ? double.PositiveInfinity : 10 * Math.Log10(Math.Max(signal[t], 1e-30) / noise[t])))
            .OrderBy(s => s.SqnrDb)
            .ThenBy(s => s.Tensor, StringComparer.Ordinal)
            .ToList();
    }
}
