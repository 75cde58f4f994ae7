// Builds one-node (or few-node) ONNX models whose inputs are initializers, so that every input of the
// operator under test is a trainable parameter for gradient checks.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Engine.Tests.Training;

internal sealed class TinyModel
{
    private readonly ModelProto _model = new() { IrVersion = 8, Graph = new GraphProto { Name = "tiny" } };
    private readonly Random _rng;

    public TinyModel(int seed = 1, long opset = 17)
    {
        _rng = new Random(seed);
        _model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = opset });
    }

    public TinyModel Float(string name, int[] shape, Func<Random, float>? sample = null)
    {
        var n = shape.Aggregate(1, (a, b) => a * b);
        var data = new float[n];
        for (var i = 0; i < n; i++)
        {
            data[i] = sample?.Invoke(_rng) ?? (float)((_rng.NextDouble() * 2) - 1);
        }

        return Float(name, shape, data);
    }

    public TinyModel Float(string name, int[] shape, float[] data)
    {
        _model.Graph.Initializer.Add(TensorProtoConverter.FromFloat(name, data, shape.Select(d => (long)d).ToArray()));
        return this;
    }

    public TinyModel Ints(string name, params long[] values)
    {
        _model.Graph.Initializer.Add(TensorProtoConverter.FromInt64(name, values, values.Length));
        return this;
    }

    public TinyModel Node(string op, string[] inputs, string[] outputs, Action<NodeProto>? attributes = null)
    {
        var node = new NodeProto { OpType = op, Name = op + "_" + _model.Graph.Node.Count };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        attributes?.Invoke(node);
        _model.Graph.Node.Add(node);
        return this;
    }

    public TinyModel Output(params string[] names)
    {
        foreach (var name in names)
        {
            _model.Graph.Output.Add(new ValueInfoProto { Name = name });
        }

        return this;
    }

    public ModelGraph Build() => new(_model.Clone());
}
