// Small ONNX models built in code for binding tests: single-operator graphs over any element type, with
// symbolic dimensions, sequence and optional outputs, and a deliberately slow graph for cancellation.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Runtime;

/// <summary>Builders of tiny test models.</summary>
internal static class TinyModels
{
    /// <summary>x → Identity → y, both of <paramref name="type"/> with shape [N, 3] (N symbolic).</summary>
    public static ModelProto Identity(TensorElementType type, int opset = 21) =>
        Model(opset, Graph(
            [Node("Identity", ["x"], ["y"])],
            [Value("x", TensorType(type, "N", 3))],
            [Value("y", TensorType(type, "N", 3))]));

    /// <summary>A graph without nodes whose output is its input x (for types no ORT kernel accepts, such as 4-bit integers).</summary>
    public static ModelProto PassThrough(TensorElementType type) =>
        Model(21, Graph([], [Value("x", TensorType(type, "N", 3))], [Value("x", TensorType(type, "N", 3))]));

    /// <summary>a, b (float [N]) → SequenceConstruct → seq; also an Optional(a) output and an empty optional output.</summary>
    public static ModelProto SequenceAndOptional() =>
        Model(18, Graph(
            [
                Node("SequenceConstruct", ["a", "b"], ["seq"]),
                Node("Optional", ["a"], ["some"]),
                Node("Optional", [], ["none"], new AttributeProto { Name = "type", Type = AttributeProto.Types.AttributeType.TypeProto, Tp = TensorType(TensorElementType.Float, "N") }),
            ],
            [Value("a", TensorType(TensorElementType.Float, "N")), Value("b", TensorType(TensorElementType.Float, "N"))],
            [
                Value("seq", new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = TensorType(TensorElementType.Float, "N") } }),
                Value("some", new TypeProto { OptionalType = new TypeProto.Types.Optional { ElemType = TensorType(TensorElementType.Float, "N") } }),
                Value("none", new TypeProto { OptionalType = new TypeProto.Types.Optional { ElemType = TensorType(TensorElementType.Float, "N") } }),
            ]));

    /// <summary>x [n, n] multiplied by itself <paramref name="steps"/> times: slow enough to cancel mid-run.</summary>
    public static ModelProto MatMulChain(int n, int steps)
    {
        var nodes = new List<NodeProto>();
        var previous = "x";
        for (var i = 0; i < steps; i++)
        {
            var next = i == steps - 1 ? "y" : $"h{i}";
            nodes.Add(Node("MatMul", [previous, "x"], [next]));
            previous = next;
        }

        return Model(18, Graph(nodes, [Value("x", TensorType(TensorElementType.Float, n, n))], [Value("y", TensorType(TensorElementType.Float, n, n))]));
    }

    /// <summary>y = x * 2 + 1 on float [N, 4], with a constant-foldable weight so ORT has something to optimize.</summary>
    public static ModelProto AffineWithFoldableConstant()
    {
        var two = new TensorProto { Name = "two", DataType = (int)TensorElementType.Float };
        two.FloatData.Add(2f);
        var one = new TensorProto { Name = "one", DataType = (int)TensorElementType.Float };
        one.FloatData.Add(1f);
        var graph = Graph(
            [Node("Add", ["one", "one"], ["two_again"]), Node("Mul", ["x", "two"], ["m"]), Node("Add", ["m", "one"], ["a"]), Node("Div", ["a", "two_again"], ["y"])],
            [Value("x", TensorType(TensorElementType.Float, "N", 4))],
            [Value("y", TensorType(TensorElementType.Float, "N", 4))]);
        graph.Initializer.Add(two);
        graph.Initializer.Add(one);
        return Model(18, graph);
    }

    /// <summary>A tensor type with fixed (long) or symbolic (string) dimensions.</summary>
    public static TypeProto TensorType(TensorElementType type, params object[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d is string s ? new TensorShapeProto.Types.Dimension { DimParam = s } : new TensorShapeProto.Types.Dimension { DimValue = Convert.ToInt64(d, System.Globalization.CultureInfo.InvariantCulture) });
        }

        return new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } };
    }

    private static ModelProto Model(int opset, GraphProto graph)
    {
        var model = new ModelProto { IrVersion = 10, ProducerName = "EdgeSdk.Tests", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
        return model;
    }

    private static GraphProto Graph(IEnumerable<NodeProto> nodes, IEnumerable<ValueInfoProto> inputs, IEnumerable<ValueInfoProto> outputs)
    {
        var graph = new GraphProto { Name = "tiny" };
        graph.Node.AddRange(nodes);
        graph.Input.AddRange(inputs);
        graph.Output.AddRange(outputs);
        return graph;
    }

    private static NodeProto Node(string op, string[] inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs.Length > 0 ? outputs[0] + "_" + op : op };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes);
        return node;
    }

    private static ValueInfoProto Value(string name, TypeProto type) => new() { Name = name, Type = type };
}
