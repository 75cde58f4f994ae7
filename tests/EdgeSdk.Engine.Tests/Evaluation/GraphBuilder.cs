// Builds small ONNX graphs by hand for the static-analysis tests.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Evaluation;

internal sealed class GraphBuilder
{
    private readonly ModelProto _model = new() { IrVersion = 8, Graph = new GraphProto { Name = "test" } };

    public GraphBuilder()
    {
        _model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 13 });
    }

    public GraphBuilder Input(string name, params long[] dims)
    {
        _model.Graph.Input.Add(ValueInfo(name, dims));
        return this;
    }

    public GraphBuilder Output(string name, params long[] dims)
    {
        _model.Graph.Output.Add(ValueInfo(name, dims));
        return this;
    }

    public GraphBuilder Weight(string name, params long[] dims)
    {
        var data = new float[Tensor.ElementCount(dims)];
        _model.Graph.Initializer.Add(TensorProtoConverter.FromTensor(name, Tensor.FromFloat(data, dims)));
        return this;
    }

    public GraphBuilder Node(string op, string[] inputs, string[] outputs, params (string Name, long[] Ints)[] attributes)
    {
        var node = new NodeProto { OpType = op, Name = outputs[0] + "_node" };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        foreach (var (name, ints) in attributes)
        {
            var a = new AttributeProto { Name = name };
            if (ints.Length == 1 && name is "group" or "transA" or "transB")
            {
                a.Type = AttributeProto.Types.AttributeType.Int;
                a.I = ints[0];
            }
            else
            {
                a.Type = AttributeProto.Types.AttributeType.Ints;
                a.Ints.AddRange(ints);
            }

            node.Attribute.Add(a);
        }

        _model.Graph.Node.Add(node);
        return this;
    }

    public ModelGraph Build() => new(_model);

    private static ValueInfoProto ValueInfo(string name, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
        {
            shape.Dim.Add(d > 0 ? new TensorShapeProto.Types.Dimension { DimValue = d } : new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        }

        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1, Shape = shape } } };
    }
}
