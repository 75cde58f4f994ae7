// Measures the mean |activation| per channel of chosen tensors on calibration data, for activation
// importance: the tensors become extra graph outputs of a copy of the model, which ONNX Runtime runs
// batch by batch (in the model's fixed batch size when it declares one); the sums are accumulated in
// double so the result does not depend on batch size.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Runs the model on calibration data and averages |x| per channel of selected tensors.</summary>
internal static class ActivationStatistics
{
    private const int DefaultBatchSize = 32;

    /// <summary>Returns per-channel mean |x| for each (tensor, channel axis; -1 = last) over up to <paramref name="samples"/> samples.</summary>
    public static IReadOnlyDictionary<string, double[]> MeanAbsolutePerChannel(ModelGraph graph, IReadOnlyList<(string Tensor, int Axis)> tensors, IDataSet data, int samples, int threads)
    {
        var probe = graph.Model.Clone();
        foreach (var (tensor, _) in tensors.Where(t => probe.Graph.Output.All(o => o.Name != t.Tensor)))
        {
            probe.Graph.Output.Add(new ValueInfoProto { Name = tensor, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } } });
        }

        var sums = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var names = tensors.Select(t => t.Tensor).ToList();
        try
        {
            using var session = InferenceSession.FromModel(probe, new SessionOptions { IntraOpThreads = Math.Max(1, threads) });
            var seen = 0;
            var batchSize = BatchSizeFor(graph, out var fixedBatch);
            foreach (var batch in data.Batches(batchSize))
            {
                if (seen >= samples || (fixedBatch && batch.Count != batchSize))
                {
                    break;
                }

                var outputs = session.Run(batch.Inputs, names);
                foreach (var (tensor, axis) in tensors)
                {
                    var value = outputs[tensor];
                    var shape = value.Shape;
                    var channelAxis = axis < 0 ? shape.Length - 1 : axis;
                    var perChannel = Pruning.TensorSlicing.SumAlongAxis(value.AsFloat(), shape, channelAxis, 1);
                    if (!sums.TryGetValue(tensor, out var sum))
                    {
                        sums[tensor] = sum = new double[perChannel.Length];
                    }

                    for (var c = 0; c < sum.Length; c++)
                    {
                        sum[c] += perChannel[c];
                    }

                    counts[tensor] = counts.GetValueOrDefault(tensor) + (value.Length / Math.Max(1, shape[channelAxis]));
                }

                seen += batch.Count;
            }
        }
        catch (EdgeException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Pruning.ActivationMeasurementFailed, $"prune: measuring activations on the calibration set '{data.Name}' failed: {ex.Diagnostics[0].Message} Check that the calibration data matches the model's inputs, or use importance: l1.", null, ex);
        }

        return sums.ToDictionary(s => s.Key, s => s.Value.Select(v => v / Math.Max(1, counts[s.Key])).ToArray(), StringComparer.Ordinal);
    }

    private static int BatchSizeFor(ModelGraph graph, out bool fixedBatch)
    {
        // A model exported with a fixed batch dimension only accepts that many samples per run.
        var first = graph.RealInputs.Select(i => i.Type?.TensorType?.Shape?.Dim.FirstOrDefault()).FirstOrDefault(d => d is not null);
        fixedBatch = first is { DimValue: > 0 };
        return fixedBatch ? (int)first!.DimValue : DefaultBatchSize;
    }
}
