// Builds small ONNX models in tests: typed inputs with symbolic dims written as "batch,3,8,8", nodes with
// attributes, and integer/float initializers, so shape rules and the checker can be tested on exact graphs.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using Google.Protobuf;

namespace EdgeSdk.Engine.Tests.Onnx;

internal sealed class OnnxModelBuilder
{
    private readonly ModelProto _model;

    public OnnxModelBuilder(long opset = 17, long irVersion = 8)
    {
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

    public ModelGraph ToGraph() => new(_model);

    public static ByteString Utf8(string s) => ByteString.CopyFromUtf8(s);
}
