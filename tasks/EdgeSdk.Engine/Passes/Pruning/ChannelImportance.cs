// Scores every channel of every group: the L1 or L2 norm of the weights that produce it, the magnitude
// of BatchNormalization scales, or the mean magnitude of its activations on calibration data. A group
// gathers several layers (residual branches), so each source is normalized to mean 1 before summing,
// which keeps one layer's weight scale from drowning the others.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Pruning;

/// <summary>How channel importance is measured.</summary>
internal enum ImportanceMethod
{
    /// <summary>L1 norm of producing weights.</summary>
    L1,
    /// <summary>L2 norm of producing weights.</summary>
    L2,
    /// <summary>|gamma| of BatchNormalization (L1 where a group has none).</summary>
    BatchNormScale,
    /// <summary>Mean |activation| on calibration data.</summary>
    Activation,
}

/// <summary>Computes per-channel importance for every group.</summary>
internal static class ChannelImportance
{
    /// <summary>Returns importance per group root (index = group channel). <paramref name="activations"/> maps tensor name to per-channel mean |x| and is used for <see cref="ImportanceMethod.Activation"/>.</summary>
    public static Dictionary<int, double[]> Compute(ModelGraph graph, ChannelDependencies deps, ImportanceMethod method, IReadOnlyDictionary<string, double[]>? activations = null)
    {
        var scores = new Dictionary<int, double[]>();
        var withBatchNorm = new HashSet<int>(deps.Sources.Where(s => s.IsBatchNormScale).SelectMany(s => s.Layout.Segments).Select(s => deps.Root(s.Group)));
        if (method == ImportanceMethod.Activation && activations is not null)
        {
            foreach (var (tensor, layout) in deps.ProducerOutputs)
            {
                if (activations.TryGetValue(tensor, out var perChannel))
                {
                    Accumulate(deps, scores, layout, perChannel, _ => true);
                }
            }
        }

        var measured = scores.Keys.ToHashSet();
        foreach (var source in deps.Sources)
        {
            Func<int, bool> applies = method switch
            {
                ImportanceMethod.BatchNormScale => root => source.IsBatchNormScale || !withBatchNorm.Contains(root),
                ImportanceMethod.Activation => root => !source.IsBatchNormScale && !measured.Contains(root),
                _ => _ => !source.IsBatchNormScale,
            };
            var init = graph.GetInitializer(source.Initializer);
            if (init is null)
            {
                continue;
            }

            var data = TensorProtoConverter.ToFloatArray(init);
            var power = method == ImportanceMethod.L2 ? 2 : 1;
            var perChannel = TensorSlicing.SumAlongAxis(data, init.Dims.ToArray(), source.Axis, source.IsBatchNormScale ? 1 : power);
            if (power == 2)
            {
                perChannel = perChannel.Select(Math.Sqrt).ToArray();
            }

            Accumulate(deps, scores, source.Layout, perChannel, applies);
        }

        return scores;
    }

    private static void Accumulate(ChannelDependencies deps, Dictionary<int, double[]> scores, ChannelLayout layout, double[] perTensorChannel, Func<int, bool> applies)
    {
        long offset = 0;
        foreach (var segment in layout.Segments)
        {
            var root = deps.Root(segment.Group);
            var size = deps.Size(root);
            if (applies(root) && offset + (size * segment.Expansion) <= perTensorChannel.Length)
            {
                var values = new double[size];
                for (long c = 0; c < size; c++)
                {
                    for (long e = 0; e < segment.Expansion; e++)
                    {
                        values[c] += perTensorChannel[offset + (c * segment.Expansion) + e];
                    }
                }

                var mean = values.Average();
                if (!scores.TryGetValue(root, out var total))
                {
                    scores[root] = total = new double[size];
                }

                for (var c = 0; c < size; c++)
                {
                    total[c] += mean > 0 ? values[c] / mean : 0;
                }
            }

            offset += size * segment.Expansion;
        }
    }
}
