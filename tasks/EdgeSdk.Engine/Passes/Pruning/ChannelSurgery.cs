// Applies a channel selection to the graph: slices every initializer axis that follows a pruned group
// (producer output channels, consumer input channels, biases, BatchNormalization parameters, broadcast
// constants, depthwise filters, Gemm columns after a Flatten), updates depthwise group counts and drops
// value_info shapes that no longer hold.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Rewrites a graph so that only the kept channels remain.</summary>
internal static class ChannelSurgery
{
    /// <summary>Applies <paramref name="keptByRoot"/> (kept channels per group root) to the graph.</summary>
    public static void Apply(ModelGraph graph, ChannelDependencies deps, IReadOnlyDictionary<int, int[]> keptByRoot)
    {
        foreach (var byInitializer in deps.Slices.GroupBy(s => s.Initializer, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var proto = graph.GetInitializer(byInitializer.Key)!;
            var data = TensorProtoConverter.ToFloatArray(proto);
            var shape = proto.Dims.ToArray();
            foreach (var slice in byInitializer.DistinctBy(s => s.Axis))
            {
                var kept = deps.KeptIndices(slice.Layout, keptByRoot);
                if (kept.Length < shape[slice.Axis])
                {
                    (data, shape) = TensorSlicing.Take(data, shape, slice.Axis, kept);
                }
            }

            graph.SetInitializer(TensorProtoConverter.FromFloat(proto.Name, data, shape));
        }

        foreach (var edit in deps.GroupEdits)
        {
            edit.Node.SetInt("group", deps.KeptIndices(edit.Input, keptByRoot).Length);
        }

        var changed = deps.Tensors.Where(t => deps.KeptIndices(t.Value, keptByRoot).Length < deps.ChannelCount(t.Value)).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var info in graph.Graph.ValueInfo.Where(v => changed.Contains(v.Name)).ToList())
        {
            graph.Graph.ValueInfo.Remove(info);
        }

        graph.Invalidate();
    }
}
