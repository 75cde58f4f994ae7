// Streams calibration data through ONNX Runtime: the float model is given the observed tensors as
// extra outputs, every batch is run once and handed to the observers, then dropped. Memory is the
// observers' fixed state plus one batch, never the whole calibration set (the failure mode users report
// with other tools). Exposed activations are large arrays on the large-object heap, which .NET only
// reclaims in full collections, so a batch that held more than a few megabytes is collected before the
// next one runs: the peak stays at about one batch. Progress is reported per batch.
using EdgeSdk.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Runs calibration batches and feeds intermediate tensors to observers.</summary>
internal static class CalibrationCollector
{
    /// <summary>Batches whose exposed tensors exceed this many bytes are reclaimed before the next batch.</summary>
    private const long LargeBatchBytes = 8L << 20;

    /// <summary>Runs up to <paramref name="samples"/> samples (0 = all) of <paramref name="data"/> through <paramref name="model"/>, feeding <paramref name="observers"/>.</summary>
    /// <returns>The number of samples seen.</returns>
    public static int Collect(ModelGraph model, IDataSet data, IReadOnlyList<IActivationObserver> observers, int samples, int batchSize, int threads, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellation = default)
    {
        if (observers.Count == 0)
        {
            return 0;
        }

        var graphInputs = model.RealInputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var tensors = observers.Select(o => o.Tensor).Distinct(StringComparer.Ordinal).Where(t => !graphInputs.Contains(t)).ToList();
        var outputNames = tensors.Count > 0 ? tensors : [model.Graph.Output[0].Name];
        using var session = InferenceSession.FromModel(WithOutputs(model, tensors).Model, new SessionOptions { IntraOpThreads = Math.Max(1, threads) });
        var limit = samples <= 0 ? data.Count : Math.Min(samples, data.Count);
        var byTensor = observers.GroupBy(o => o.Tensor, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var seen = 0;
        foreach (var batch in data.Batches(batchSize))
        {
            cancellation.ThrowIfCancellationRequested();
            if (seen >= limit)
            {
                break;
            }

            var take = Math.Min(batch.Count, limit - seen);
            var inputs = batch.Inputs.ToDictionary(kv => kv.Key, kv => take == batch.Count ? kv.Value : kv.Value.SliceRows(0, take), StringComparer.Ordinal);
            var outputs = session.Run(inputs, outputNames, cancellation);
            long bytes = 0;
            foreach (var (name, value) in outputs.Concat(inputs))
            {
                bytes += value.Length * sizeof(float);
                foreach (var observer in byTensor.GetValueOrDefault(name) ?? [])
                {
                    observer.Observe(value);
                }
            }

            outputs = null;
            if (bytes > LargeBatchBytes)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
            }

            seen += take;
            progress?.Report(new ProgressUpdate("calibration", seen, limit));
        }

        return seen;
    }

    /// <summary>Returns a copy of <paramref name="model"/> whose graph also outputs <paramref name="tensors"/> (float).</summary>
    public static ModelGraph WithOutputs(ModelGraph model, IEnumerable<string> tensors)
    {
        var copy = model.Clone();
        foreach (var name in tensors)
        {
            if (copy.IsGraphOutput(name))
            {
                continue;
            }

            copy.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)Tensors.TensorElementType.Float } },
            });
        }

        return copy;
    }
}
