// Builds small ONNX models in code for graph-surgery tests: float inputs/outputs, nodes with attributes,
// and initializers with seeded random or given values, so every test knows its answer up front.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Engine.Tests.Pruning;

/// <summary>A fluent builder of small float ModelProtos (opset 17).</summary>
internal sealed class TestGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "test" };
    private readonly Random _random;

    public TestGraphBuilder(int seed = 1) => _random = new Random(seed);

    public TestGraphBuilder Input(string name, params long[] shape)
    {
        _graph.Input.Add(ValueInfo(name, shape));
        return this;
    }

    public TestGraphBuilder Output(string name, params long[] shape)
    {
        _graph.Output.Add(ValueInfo(name, shape));
        return this;
    }

    /// <summary>Adds an initializer with seeded values in [-1, 1).</summary>
    public float[] Random(string name, params long[] shape)
    {
        var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((_random.NextDouble() * 2) - 1);
        }

        Init(name, data, shape);
        return data;
    }

    public TestGraphBuilder Init(string name, float[] data, params long[] shape)
    {
        _graph.Initializer.Add(TensorProtoConverter.FromFloat(name, data, shape));
        return this;
    }

    public TestGraphBuilder InitInt64(string name, long[] data, params long[] shape)
    {
        _graph.Initializer.Add(TensorProtoConverter.FromInt64(name, data, shape));
        return this;
    }

    public NodeProto Node(string op, string[] inputs, string output, string? name = null)
    {
        var node = new NodeProto { OpType = op, Name = name ?? output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        _graph.Node.Add(node);
        return node;
    }

    /// <summary>Adds a Conv with seeded weight [o, i/group, k, k] and bias, padding k/2.</summary>
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

    /// <summary>Adds a BatchNormalization with seeded scale/bias, mean 0 and variance 1.</summary>
    public NodeProto BatchNorm(string name, string input, long channels)
    {
        Random(name + ".scale", channels);
        Random(name + ".bias", channels);
        Init(name + ".mean", new float[channels], channels);
        Init(name + ".var", Enumerable.Repeat(1f, (int)channels).ToArray(), channels);
        return Node("BatchNormalization", [input, name + ".scale", name + ".bias", name + ".mean", name + ".var"], name + ".out", name);
    }

    public ModelGraph Build()
    {
        var model = new ModelProto { IrVersion = 8, Graph = _graph.Clone(), ProducerName = "edgesdk-tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return new ModelGraph(model);
    }

    /// <summary>Sets entries of an initializer (by flat index predicate on a given axis) to a value.</summary>
    public void SetChannels(string name, int axis, IEnumerable<int> channels, float value)
    {
        var proto = _graph.Initializer.First(t => t.Name == name);
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

        _graph.Initializer[_graph.Initializer.IndexOf(proto)] = TensorProtoConverter.FromFloat(name, data, dims);
    }

    private static ValueInfoProto ValueInfo(string name, long[] shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = 1, Shape = new TensorShapeProto() };
        foreach (var d in shape)
        {
            tensor.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }
}
