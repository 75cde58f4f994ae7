// A model that sets every field of every message of onnx.proto3 v1.22.0 (-ml variant) at least once,
// every tensor data type (float16, bfloat16, float8, 4-bit and 2-bit included), nested graphs in If/Loop/Scan,
// functions, training info, device configurations, quantization annotations and sparse initializers.
using EdgeSdk.Onnx.Proto;
using Google.Protobuf;
using AttrType = EdgeSdk.Onnx.Proto.AttributeProto.Types.AttributeType;
using DataType = EdgeSdk.Onnx.Proto.TensorProto.Types.DataType;

namespace EdgeSdk.Engine.Tests.Onnx.Lossless;

internal static class AllFieldsModel
{
    public static ModelProto Build()
    {
        var model = new ModelProto
        {
            IrVersion = 13,
            ProducerName = "edgesdk-tests",
            ProducerVersion = "1.2.3",
            Domain = "ai.edgesdk.tests",
            ModelVersion = 7,
            DocString = "every field",
            Graph = MainGraph(),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 21 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = 5 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "custom", Version = 1 });
        model.MetadataProps.Add(Entry("author", "tests"));
        model.TrainingInfo.Add(Training());
        model.Functions.Add(Function());
        var config = new DeviceConfigurationProto { Name = "mesh", NumDevices = 2 };
        config.Device.Add("gpu:0");
        config.Device.Add("gpu:1");
        model.Configuration.Add(config);
        return model;
    }

    /// <summary>The file the external initializer 't_external' reads 20 bytes from, at offset 4.</summary>
    public const string ExternalFileName = "all_fields.bin";

    public static StringStringEntryProto Entry(string key, string value) => new() { Key = key, Value = value };

    /// <summary>One tensor per data type, raw_data sized for 5 elements.</summary>
    public static IEnumerable<TensorProto> TensorOfEveryType()
    {
        foreach (DataType type in Enum.GetValues<DataType>())
        {
            if (type is DataType.Undefined or DataType.String)
            {
                continue;
            }

            var bytes = EdgeSdk.Onnx.TensorByteSize.Of((EdgeSdk.Tensors.TensorElementType)type, 5)!.Value;
            var t = new TensorProto { Name = $"t_{type}", DataType = (int)type, RawData = ByteString.CopyFrom(Enumerable.Range(1, (int)bytes).Select(i => (byte)(i * 37)).ToArray()) };
            t.Dims.Add(5);
            yield return t;
        }
    }

    private static GraphProto MainGraph()
    {
        var g = new GraphProto { Name = "main", DocString = "main graph" };
        g.MetadataProps.Add(Entry("graph", "meta"));
        g.Input.Add(Value("x", TensorType(DataType.Float, Dim(1), Dim("batch"), new TensorShapeProto.Types.Dimension { Denotation = "DATA_CHANNEL" })));
        g.Input.Add(Value("cond", TensorType(DataType.Bool)));
        g.Output.Add(Value("y", TensorType(DataType.Float, Dim(1), Dim("batch"))));
        g.Output.Add(Value("seq", new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = TensorType(DataType.Float) } }));
        g.ValueInfo.Add(Value("map", new TypeProto { MapType = new TypeProto.Types.Map { KeyType = (int)DataType.Int64, ValueType = TensorType(DataType.Float) } }));
        g.ValueInfo.Add(Value("opt", new TypeProto { OptionalType = new TypeProto.Types.Optional { ElemType = TensorType(DataType.Int32) } }));
        g.ValueInfo.Add(Value("sp", new TypeProto { SparseTensorType = new TypeProto.Types.SparseTensor { ElemType = (int)DataType.Float, Shape = Shape(Dim(4)) } }));
        g.ValueInfo.Add(Value("opaque", new TypeProto { OpaqueType = new TypeProto.Types.Opaque { Domain = "custom", Name = "Blob" }, Denotation = "IMAGE" }));

        g.Initializer.AddRange(TensorOfEveryType());
        g.Initializer.Add(TypedFieldsTensor());
        var strings = new TensorProto { Name = "t_strings", DataType = (int)DataType.String };
        strings.Dims.Add(2);
        strings.StringData.Add(ByteString.CopyFromUtf8("héllo"));
        strings.StringData.Add(ByteString.CopyFromUtf8(""));
        g.Initializer.Add(strings);
        g.SparseInitializer.Add(Sparse("sparse_w"));
        var external = new TensorProto { Name = "t_external", DataType = (int)DataType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        external.Dims.Add(5);
        external.ExternalData.Add(Entry("location", ExternalFileName));
        external.ExternalData.Add(Entry("offset", "4"));
        external.ExternalData.Add(Entry("length", "20"));
        g.Initializer.Add(external);

        var annotation = new TensorAnnotation { TensorName = "t_Int8" };
        annotation.QuantParameterTensorNames.Add(Entry("SCALE_TENSOR", "t_Float"));
        annotation.QuantParameterTensorNames.Add(Entry("ZERO_POINT_TENSOR", "t_Int8"));
        g.QuantizationAnnotation.Add(annotation);

        g.Node.Add(NodeWithEveryAttribute());
        g.Node.Add(ControlFlow("If", ("then_branch", SubGraph("then")), ("else_branch", SubGraph("else"))));
        g.Node.Add(ControlFlow("Loop", ("body", SubGraph("loop_body"))));
        g.Node.Add(ControlFlow("Scan", ("body", SubGraph("scan_body"))));
        var call = new NodeProto { OpType = "Gelu2", Domain = "custom", Overload = "fast", Name = "call" };
        call.Input.Add("x");
        call.Output.Add("y");
        g.Node.Add(call);
        return g;
    }

    private static TensorProto TypedFieldsTensor()
    {
        var t = new TensorProto { Name = "t_typed", DataType = (int)DataType.Float, DocString = "typed", Segment = new TensorProto.Types.Segment { Begin = 1, End = 2 } };
        t.Dims.Add(2);
        t.FloatData.Add([1.5f, -2f]);
        t.Int32Data.Add([1, -2]);
        t.Int64Data.Add([long.MaxValue, -1]);
        t.DoubleData.Add([Math.PI, double.NegativeInfinity]);
        t.Uint64Data.Add([ulong.MaxValue, 0]);
        t.StringData.Add(ByteString.CopyFromUtf8("s"));
        t.MetadataProps.Add(Entry("tensor", "meta"));
        t.ExternalData.Add(Entry("checksum", "0"));
        t.DataLocation = TensorProto.Types.DataLocation.Default;
        return t;
    }

    private static SparseTensorProto Sparse(string name)
    {
        var values = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(new byte[8]) };
        values.Dims.Add(2);
        var indices = new TensorProto { Name = name + "_indices", DataType = (int)DataType.Int64 };
        indices.Dims.Add(2);
        indices.Int64Data.Add([1, 3]);
        var s = new SparseTensorProto { Values = values, Indices = indices };
        s.Dims.Add(4);
        return s;
    }

    private static NodeProto NodeWithEveryAttribute()
    {
        var node = new NodeProto { Name = "everything", OpType = "Custom", Domain = "custom", Overload = "v2", DocString = "node doc" };
        node.Input.Add("x");
        node.Input.Add(string.Empty);
        node.Input.Add("t_Float");
        node.Output.Add("custom_out");
        node.MetadataProps.Add(Entry("node", "meta"));
        node.DeviceConfigurations.Add(DeviceConfiguration());
        node.Attribute.Add(new AttributeProto { Name = "f", Type = AttrType.Float, F = 0.25f, DocString = "a float" });
        node.Attribute.Add(new AttributeProto { Name = "i", Type = AttrType.Int, I = -3 });
        node.Attribute.Add(new AttributeProto { Name = "s", Type = AttrType.String, S = ByteString.CopyFromUtf8("text") });
        node.Attribute.Add(new AttributeProto { Name = "t", Type = AttrType.Tensor, T = TensorOfEveryType().First() });
        node.Attribute.Add(new AttributeProto { Name = "g", Type = AttrType.Graph, G = SubGraph("attr_graph") });
        node.Attribute.Add(new AttributeProto { Name = "sparse", Type = AttrType.SparseTensor, SparseTensor = Sparse("attr_sparse") });
        node.Attribute.Add(new AttributeProto { Name = "tp", Type = AttrType.TypeProto, Tp = TensorType(DataType.Float16, Dim(3)) });
        var floats = new AttributeProto { Name = "floats", Type = AttrType.Floats };
        floats.Floats.Add([1f, float.NaN]);
        node.Attribute.Add(floats);
        var ints = new AttributeProto { Name = "ints", Type = AttrType.Ints };
        ints.Ints.Add([1, -1, long.MinValue]);
        node.Attribute.Add(ints);
        var strs = new AttributeProto { Name = "strings", Type = AttrType.Strings };
        strs.Strings.Add(ByteString.CopyFromUtf8("a"));
        node.Attribute.Add(strs);
        var tensors = new AttributeProto { Name = "tensors", Type = AttrType.Tensors };
        tensors.Tensors.AddRange(TensorOfEveryType().Take(2));
        node.Attribute.Add(tensors);
        var graphs = new AttributeProto { Name = "graphs", Type = AttrType.Graphs };
        graphs.Graphs.Add(SubGraph("g1"));
        node.Attribute.Add(graphs);
        var sparses = new AttributeProto { Name = "sparse_tensors", Type = AttrType.SparseTensors };
        sparses.SparseTensors.Add(Sparse("attr_sparse2"));
        node.Attribute.Add(sparses);
        var types = new AttributeProto { Name = "type_protos", Type = AttrType.TypeProtos };
        types.TypeProtos.Add(TensorType(DataType.Bfloat16));
        node.Attribute.Add(types);
        return node;
    }

    private static NodeDeviceConfigurationProto DeviceConfiguration()
    {
        var simple1 = new SimpleShardedDimProto { DimValue = 8, NumShards = 2 };
        var simple2 = new SimpleShardedDimProto { DimParam = "batch", NumShards = 2 };
        var dim = new ShardedDimProto { Axis = 1 };
        dim.SimpleSharding.Add(simple1);
        dim.SimpleSharding.Add(simple2);
        var map = new IntIntListEntryProto { Key = 1 };
        map.Value.Add([0, 1]);
        var spec = new ShardingSpecProto { TensorName = "x" };
        spec.Device.Add([0, 1]);
        spec.IndexToDeviceGroupMap.Add(map);
        spec.ShardedDim.Add(dim);
        var config = new NodeDeviceConfigurationProto { ConfigurationId = "mesh", PipelineStage = 1 };
        config.ShardingSpec.Add(spec);
        return config;
    }

    private static NodeProto ControlFlow(string op, params (string Name, GraphProto Graph)[] graphs)
    {
        var node = new NodeProto { OpType = op, Name = op.ToLowerInvariant() };
        node.Input.Add("cond");
        node.Output.Add(op.ToLowerInvariant() + "_out");
        foreach (var (name, graph) in graphs)
        {
            node.Attribute.Add(new AttributeProto { Name = name, Type = AttrType.Graph, G = graph });
        }

        return node;
    }

    private static GraphProto SubGraph(string name)
    {
        var g = new GraphProto { Name = name, DocString = name + " doc" };
        g.Input.Add(Value("sub_in", TensorType(DataType.Float)));
        g.Output.Add(Value("sub_out", TensorType(DataType.Float)));
        var inner = new NodeProto { OpType = "Identity", Name = name + "_id" };
        inner.Input.Add("sub_in");
        inner.Output.Add("sub_out");
        g.Node.Add(inner);
        var t = TensorOfEveryType().Last();
        t.Name = name + "_init";
        g.Initializer.Add(t);
        return g;
    }

    private static TrainingInfoProto Training()
    {
        var info = new TrainingInfoProto { Initialization = SubGraph("init"), Algorithm = SubGraph("step") };
        info.InitializationBinding.Add(Entry("t_Float", "sub_out"));
        info.UpdateBinding.Add(Entry("t_Float", "sub_out"));
        return info;
    }

    private static FunctionProto Function()
    {
        var f = new FunctionProto { Name = "Gelu2", Domain = "custom", Overload = "fast", DocString = "function doc" };
        f.Input.Add("X");
        f.Output.Add("Y");
        f.Attribute.Add("approximate");
        f.AttributeProto.Add(new AttributeProto { Name = "alpha", Type = AttrType.Float, F = 1f });
        var node = new NodeProto { OpType = "Mul", Name = "scale" };
        node.Input.Add("X");
        node.Input.Add("X");
        node.Output.Add("Y");
        node.Attribute.Add(new AttributeProto { Name = "ref", RefAttrName = "alpha", Type = AttrType.Float });
        f.Node.Add(node);
        f.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 21 });
        f.ValueInfo.Add(Value("X", TensorType(DataType.Float)));
        f.MetadataProps.Add(Entry("function", "meta"));
        return f;
    }

    private static ValueInfoProto Value(string name, TypeProto type)
    {
        var v = new ValueInfoProto { Name = name, Type = type, DocString = name + " doc" };
        v.MetadataProps.Add(Entry("value", name));
        return v;
    }

    private static TypeProto TensorType(DataType type, params TensorShapeProto.Types.Dimension[] dims) =>
        new() { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = Shape(dims) } };

    private static TensorShapeProto Shape(params TensorShapeProto.Types.Dimension[] dims)
    {
        var s = new TensorShapeProto();
        s.Dim.AddRange(dims);
        return s;
    }

    private static TensorShapeProto.Types.Dimension Dim(long value) => new() { DimValue = value };

    private static TensorShapeProto.Types.Dimension Dim(string symbol) => new() { DimParam = symbol };
}
