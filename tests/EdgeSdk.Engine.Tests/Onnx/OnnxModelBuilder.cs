// The one graph builder of the engine tests: typed inputs with symbolic dims written as "batch,3,8,8" (or
// fixed dims as numbers), nodes with attributes, integer/float initializers and seeded random weights, Conv
// and BatchNormalization layers, so shape rules, the checker, passes and analyses are tested on exact graphs.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using Google.Protobuf;

namespace EdgeSdk.Engine.Tests.Onnx;

internal sealed class OnnxModelBuilder
{
    private readonly ModelProto _model;
    private readonly Random _random;

    /// <summary>Starts a model at the given opset and IR version; <paramref name="seed"/> seeds <see cref="Random(string, long[])"/>.</summary>
    public OnnxModelBuilder(long opset = 17, long irVersion = 8, int seed = 1)
    {
        _random = new Random(seed);
        _model = new ModelProto { IrVersion = irVersion, ProducerName = "tests", Graph = new GraphProto { Name = "g" } };
        _model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
    }

    public ModelProto Model => _model;

    public GraphProto Graph => _model.Graph;

    public static TypeProto TensorType(TensorElementType type, string? dims)
    {
        var t = new TypeProto.Types.Tensor { ElemType = (int)type };
        if (dims is not null)
        {
            t.Shape = new TensorShapeProto();
            foreach (var d in dims.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                t.Shape.Dim.Add(d == "?" ? new TensorShapeProto.Types.Dimension() : long.TryParse(d, out var v) ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = d });
            }
        }

        return new TypeProto { TensorType = t };
    }

    public OnnxModelBuilder Input(string name, string? dims, TensorElementType type = TensorElementType.Float)
    {
        Graph.Input.Add(new ValueInfoProto { Name = name, Type = TensorType(type, dims) });
        return this;
    }

    public OnnxModelBuilder Output(string name, string? dims = null, TensorElementType type = TensorElementType.Float)
    {
        Graph.Output.Add(new ValueInfoProto { Name = name, Type = TensorType(type, dims) });
        return this;
    }

    /// <summary>Adds a float input of fixed dims.</summary>
    public OnnxModelBuilder Input(string name, params long[] dims) => Input(name, string.Join(',', dims));

    /// <summary>Adds a float output of fixed dims.</summary>
    public OnnxModelBuilder Output(string name, params long[] dims) => Output(name, string.Join(',', dims));

    public OnnxModelBuilder Ints(string name, params long[] values) => Ints(name, [values.Length], values);

    public OnnxModelBuilder Ints(string name, long[] shape, long[] values)
    {
        Graph.Initializer.Add(TensorProtoConverter.FromInt64(name, values, shape));
        return this;
    }

    public OnnxModelBuilder Floats(string name, long[] shape, float[]? values = null)
    {
        Graph.Initializer.Add(TensorProtoConverter.FromFloat(name, values ?? new float[Tensor.ElementCount(shape)], shape));
        return this;
    }

    public OnnxModelBuilder Weight(string name, params long[] shape) => Floats(name, shape);

    /// <summary>Adds a float initializer with seeded values in [-1, 1) and returns them.</summary>
    public float[] Random(string name, params long[] shape)
    {
        var data = new float[Tensor.ElementCount(shape)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((_random.NextDouble() * 2) - 1);
        }

        Floats(name, shape, data);
        return data;
    }

    /// <summary>Adds a node with one output, named <paramref name="name"/> or after its output.</summary>
    public NodeProto Node(string op, string[] inputs, string output, string? name = null)
    {
        var node = new NodeProto { OpType = op, Name = name ?? output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        Graph.Node.Add(node);
        return node;
    }

    /// <summary>Adds a Conv with seeded weight [o, i/group, k, k] and bias, padding k/2; its output is <c>name.out</c>.</summary>
    public NodeProto Conv(string name, string input, long inChannels, long outChannels, long k, long group = 1, bool bias = true)
    {
        Random(name + ".w", outChannels, inChannels / group, k, k);
        var inputs = new List<string> { input, name + ".w" };
        if (bias)
        {
            Random(name + ".b", outChannels);
            inputs.Add(name + ".b");
        }

        var node = Node("Conv", [.. inputs], name + ".out", name);
        node.SetInts("kernel_shape", [k, k]);
        node.SetInts("pads", [k / 2, k / 2, k / 2, k / 2]);
        node.SetInt("group", group);
        return node;
    }

    /// <summary>Adds a BatchNormalization with seeded scale/bias, mean 0 and variance 1; its output is <c>name.out</c>.</summary>
    public NodeProto BatchNorm(string name, string input, long channels)
    {
        Random(name + ".scale", channels);
        Random(name + ".bias", channels);
        Floats(name + ".mean", [channels]);
        Floats(name + ".var", [channels], Enumerable.Repeat(1f, (int)channels).ToArray());
        return Node("BatchNormalization", [input, name + ".scale", name + ".bias", name + ".mean", name + ".var"], name + ".out", name);
    }

    /// <summary>Sets every entry of the given channels (indices along <paramref name="axis"/>) of an initializer to a value.</summary>
    public void SetChannels(string name, int axis, IEnumerable<int> channels, float value)
    {
        var proto = Graph.Initializer.First(t => t.Name == name);
        var data = TensorProtoConverter.ToFloatArray(proto);
        var dims = proto.Dims.ToArray();
        long inner = dims.Skip(axis + 1).Aggregate(1L, (a, b) => a * b), size = dims[axis];
        var set = channels.ToHashSet();
        for (var i = 0; i < data.Length; i++)
        {
            if (set.Contains((int)(i / inner % size)))
            {
                data[i] = value;
            }
        }

        Graph.Initializer[Graph.Initializer.IndexOf(proto)] = TensorProtoConverter.FromFloat(name, data, dims);
    }

    public NodeProto Node(string op, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = $"{op}_{Graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (var (name, value) in attributes)
        {
            switch (value)
            {
                case long l:
                    node.SetInt(name, l);
                    break;
                case int i:
                    node.SetInt(name, i);
                    break;
                case float f:
                    node.SetFloat(name, f);
                    break;
                case string s:
                    node.SetString(name, s);
                    break;
                case long[] ls:
                    node.SetInts(name, ls);
                    break;
                case float[] fs:
                    var floats = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
                    floats.Floats.AddRange(fs);
                    node.Attribute.Add(floats);
                    break;
                case TensorProto t:
                    node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t });
                    break;
                case GraphProto g:
                    node.Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = g });
                    break;
                default:
                    throw new ArgumentException($"Unsupported attribute value {value.GetType()}");
            }
        }

        Graph.Node.Add(node);
        return node;
    }

    public OnnxModelBuilder Add(string op, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        Node(op, inputs, outputs, attributes);
        return this;
    }

    /// <summary>A graph over a copy of the model built so far (later changes to the builder do not reach it).</summary>
    public ModelGraph ToGraph() => new(_model.Clone());

    public static ByteString Utf8(string s) => ByteString.CopyFromUtf8(s);
}
