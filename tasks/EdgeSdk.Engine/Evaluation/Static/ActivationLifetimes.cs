// Peak activation memory from tensor lifetimes in execution order: a value is live from the step that
// produces it (graph inputs from the start) to the last step that reads it (graph outputs to the end).
// At each step the node's inputs and outputs are live together. Initializers are weight memory, not here.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Evaluation;

/// <summary>Computes the peak of live activation bytes.</summary>
internal static class ActivationLifetimes
{
    /// <summary>Returns the largest sum of live activation bytes over the steps of <paramref name="order"/>; values without a shape count 0.</summary>
    public static long PeakBytes(ModelGraph model, IReadOnlyList<NodeProto> order, Func<string, ValueShape?> shapeOf)
    {
        var initializers = model.Initializers;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in model.RealInputs)
        {
            first[input.Name] = 0;
            last[input.Name] = 0;
        }

        for (var step = 0; step < order.Count; step++)
        {
            foreach (var name in ModelGraph.AllInputsIncludingSubgraphs(order[step]))
            {
                if (name.Length > 0 && !initializers.ContainsKey(name) && first.ContainsKey(name))
                {
                    last[name] = step;
                }
            }

            foreach (var name in order[step].Output.Where(o => o.Length > 0))
            {
                first.TryAdd(name, step);
                last[name] = Math.Max(last.GetValueOrDefault(name), step);
            }
        }

        foreach (var output in model.Graph.Output)
        {
            if (last.ContainsKey(output.Name))
            {
                last[output.Name] = order.Count;
            }
        }

        // Sweep: +bytes at the first step, -bytes after the last step.
        var delta = new long[order.Count + 2];
        foreach (var (name, start) in first)
        {
            var bytes = shapeOf(name)?.Bytes ?? 0;
            delta[start] += bytes;
            delta[last[name] + 1] -= bytes;
        }

        long live = 0, peak = 0;
        for (var step = 0; step <= order.Count; step++)
        {
            live += delta[step];
            peak = Math.Max(peak, live);
        }

        return peak;
    }
}
