// Rewrites Constant nodes (value, value_float(s), value_int(s)) into initializers, so later passes see
// weights and shape constants in one place.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Fusion;

/// <summary>Turns Constant nodes into initializers.</summary>
internal static class ConstantToInitializer
{
    /// <summary>Applies the rewrite and returns how many nodes it removed.</summary>
    public static int Apply(ModelGraph graph)
    {
        var count = 0;
        foreach (var node in graph.Nodes.Where(n => n.OpType == "Constant" && n.Domain is "" or "ai.onnx").ToList())
        {
            var tensor = ToTensor(node);
            if (tensor is null || graph.IsGraphOutput(node.Output[0]))
            {
                continue;
            }

            tensor.Name = node.Output[0];
            graph.SetInitializer(tensor);
            graph.RemoveNode(node);
            count++;
        }

        return count;
    }

    private static TensorProto? ToTensor(NodeProto node)
    {
        var a = node.Attribute.FirstOrDefault();
        if (a is null || node.Attribute.Count != 1)
        {
            return null;
        }

        return a.Name switch
        {
            "value" => a.T.Clone(),
            "value_float" => TensorProtoConverter.FromFloat(string.Empty, [a.F]),
            "value_floats" => TensorProtoConverter.FromFloat(string.Empty, a.Floats.ToArray(), a.Floats.Count),
            "value_int" => TensorProtoConverter.FromInt64(string.Empty, [a.I]),
            "value_ints" => TensorProtoConverter.FromInt64(string.Empty, a.Ints.ToArray(), a.Ints.Count),
            _ => null,
        };
    }
}
