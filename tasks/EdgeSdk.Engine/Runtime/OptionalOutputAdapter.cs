// The managed ORT package crashes the process when a run returns an optional output that holds nothing
// (ORT hands back a null OrtValue and the managed wrapper queries its type). Models with optional graph
// outputs (ONNX's own tests; exporters never write them) are therefore run through a rewritten copy: each
// optional output o becomes two outputs, OptionalHasElement(o) and If(has, OptionalGetElement(o), an empty
// value of the same type). The session reads both and reports o as absent when the flag is false.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Runtime;

/// <summary>Rewrites optional graph outputs into a presence flag and a value, and maps requests back.</summary>
internal static class OptionalOutputAdapter
{
    /// <summary>The prefix of the presence-flag output added for an optional output.</summary>
    public const string HasPrefix = "__edge_has__";

    /// <summary>The prefix of the value output added for an optional output.</summary>
    public const string ValuePrefix = "__edge_value__";

    /// <summary>Gets whether <paramref name="model"/> declares an optional graph output.</summary>
    public static bool HasOptionalOutputs(ModelProto model) => model.Graph?.Output.Any(o => o.Type?.OptionalType is not null) == true;

    /// <summary>Returns a copy of <paramref name="model"/> whose optional outputs are split into flag and value.</summary>
    public static ModelProto Rewrite(ModelProto model)
    {
        var copy = model.Clone();
        var graph = copy.Graph;
        var outputs = graph.Output.ToList();
        graph.Output.Clear();
        foreach (var output in outputs)
        {
            if (output.Type?.OptionalType is not { } optional)
            {
                graph.Output.Add(output);
                continue;
            }

            var name = output.Name;
            var element = WithoutShape(optional.ElemType);
            var has = HasPrefix + name;
            var value = ValuePrefix + name;
            graph.Node.Add(Node("OptionalHasElement", [name], [has], $"{has}_node"));
            var then = new GraphProto { Name = $"{value}_then" };
            then.Node.Add(Node("OptionalGetElement", [name], [$"{value}_got"], $"{value}_get"));
            then.Output.Add(new ValueInfoProto { Name = $"{value}_got", Type = element });
            var otherwise = new GraphProto { Name = $"{value}_else" };
            otherwise.Node.Add(EmptyValue(optional.ElemType, $"{value}_empty"));
            otherwise.Output.Add(new ValueInfoProto { Name = $"{value}_empty", Type = element });
            var branch = Node("If", [has], [value], $"{value}_if");
            branch.Attribute.Add(new AttributeProto { Name = "then_branch", Type = AttributeProto.Types.AttributeType.Graph, G = then });
            branch.Attribute.Add(new AttributeProto { Name = "else_branch", Type = AttributeProto.Types.AttributeType.Graph, G = otherwise });
            graph.Node.Add(branch);
            graph.Output.Add(new ValueInfoProto { Name = has, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)Tensors.TensorElementType.Bool, Shape = new TensorShapeProto() } } });
            graph.Output.Add(new ValueInfoProto { Name = value, Type = element });
        }

        return copy;
    }

    private static NodeProto EmptyValue(TypeProto type, string output)
    {
        if (type.SequenceType is { } sequence)
        {
            var node = Node("SequenceEmpty", [], [output], output);
            node.Attribute.Add(new AttributeProto { Name = "dtype", Type = AttributeProto.Types.AttributeType.Int, I = sequence.ElemType?.TensorType?.ElemType ?? (int)Tensors.TensorElementType.Float });
            return node;
        }

        var rank = Math.Max(1, type.TensorType?.Shape?.Dim.Count ?? 1);
        var tensor = new TensorProto { Name = output, DataType = type.TensorType?.ElemType ?? (int)Tensors.TensorElementType.Float };
        tensor.Dims.AddRange(Enumerable.Repeat(0L, rank));
        var constant = Node("Constant", [], [output], output);
        constant.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor });
        return constant;
    }

    private static TypeProto WithoutShape(TypeProto type)
    {
        var copy = type.Clone();
        if (copy.TensorType is not null)
        {
            copy.TensorType.Shape = null;
        }
        else if (copy.SequenceType?.ElemType?.TensorType is { } inner)
        {
            inner.Shape = null;
        }

        return copy;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, string name)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }
}
