// Removes Identity nodes and inference-mode Dropout (whose mask output nobody reads), rewiring readers
// to the original value. When the node's output is a graph output, the producer is renamed instead so
// the model's interface keeps its names.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Fusion;

/// <summary>Removes Identity and Dropout nodes.</summary>
internal static class IdentityElimination
{
    /// <summary>Applies the rewrite and returns how many nodes it removed.</summary>
    public static int Apply(ModelGraph graph)
    {
        var count = 0;
        foreach (var node in graph.Nodes.Where(n => n.OpType is "Identity" or "Dropout" && n.Domain is "" or "ai.onnx").ToList())
        {
            if (node.OpType == "Dropout" && node.Output.Count > 1 && node.Output[1].Length > 0 && graph.Consumers(node.Output[1]).Count > 0)
            {
                continue;
            }

            var input = node.Input[0];
            var output = node.Output[0];
            if (graph.IsGraphOutput(output))
            {
                var producer = graph.Producer(input);
                if (producer is null || graph.IsGraphOutput(input) || graph.Consumers(input).Count != 1)
                {
                    continue;
                }

                producer.Output[producer.Output.IndexOf(input)] = output;
                graph.RemoveNode(node);
            }
            else
            {
                graph.RemoveNode(node);
                graph.ReplaceAllUses(output, input);
            }

            count++;
        }

        return count;
    }
}
