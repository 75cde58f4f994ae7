// Rewrites Constant nodes (value, value_float(s), value_int(s)) into initializers, so every pass sees
// weights and shape constants in one place. paddle2onnx and some TensorFlow converters export every weight
// as a Constant node; the step runner applies this before each pass (like node naming), so such models are
// quantized, pruned and factorized like PyTorch exports. The fuse pass's `constants_to_initializers` uses it too.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx;

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
            if (graph.Model.IrVersion < 4 && !graph.Graph.Input.Any(i => i.Name == tensor.Name))
            {
                // Before IR 4 every initializer is also a graph input.
                graph.Graph.Input.Add(InputOf(tensor));
            }

            graph.RemoveNode(node);
            count++;
        }

        return count;
    }

    private static ValueInfoProto InputOf(TensorProto tensor)
    {
        var type = new TypeProto.Types.Tensor { ElemType = tensor.DataType, Shape = new TensorShapeProto() };
        foreach (var d in tensor.Dims)
        {
            type.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = tensor.Name, Type = new TypeProto { TensorType = type } };
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
