// Shapes models the way other exporters do, without downloads: paddle2onnx keeps every weight in a Constant
// node, exports opsets 9 and 11 and leaves spatial dimensions dynamic; tf2onnx takes NHWC inputs and wraps each
// Conv in Transpose chains; onnx.helper.make_node leaves nodes unnamed; some models take several inputs.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Wild;

internal static class WildModels
{
    /// <summary>Moves every initializer of <paramref name="model"/> into a Constant node (value attribute) at the front of the graph.</summary>
    public static ModelProto WithConstantWeights(ModelProto model)
    {
        var copy = model.Clone();
        var graph = copy.Graph;
        var names = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            var tensor = graph.Initializer[i];
            var node = new NodeProto { OpType = "Constant", Name = tensor.Name + "_const" };
            node.Output.Add(tensor.Name);
            node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor.Clone() });
            node.Attribute[0].T.Name = string.Empty;
            graph.Node.Insert(0, node);
        }

        graph.Initializer.Clear();
        foreach (var input in graph.Input.Where(i => names.Contains(i.Name)).ToList())
        {
            graph.Input.Remove(input);
        }

        return copy;
    }

    /// <summary>Clears every node name.</summary>
    public static ModelProto Unnamed(ModelProto model)
    {
        var copy = model.Clone();
        foreach (var node in copy.Graph.Node)
        {
            node.Name = string.Empty;
        }

        return copy;
    }

    /// <summary>
    /// A small paddle2onnx-style detector head at opset 9 or 11: input x [N,3,?,?], every weight a Constant node,
    /// Conv+BatchNormalization+Relu, a strided Conv with Clip (relu6; attributes at 9, inputs at 11), nearest
    /// upsampling (Upsample at 9, Resize at 11), a residual Add, global pooling, Squeeze, MatMul+Add and Softmax.
    /// </summary>
    public static ModelProto PaddleLike(long opset)
    {
        var random = new Random(9);
        var b = new OnnxModelBuilder(opset, irVersion: opset < 11 ? 4 : 6).Input("x", "N,3,?,?").Output("prob", "N,10");
        string Const(string name, params long[] shape)
        {
            var data = Enumerable.Range(0, (int)Tensor.ElementCount(shape)).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(shape.Skip(1).Aggregate(1L, (x, y) => x * y))).ToArray();
            return ConstNode(b, name, TensorProtoConverter.FromFloat(string.Empty, data, shape));
        }

        b.Add("Conv", ["x", Const("conv1_weights", 8, 3, 3, 3), Const("conv1_bias", 8)], ["conv1"], ("pads", new long[] { 1, 1, 1, 1 }), ("kernel_shape", new long[] { 3, 3 }));
        b.Add("BatchNormalization", ["conv1", ConstNode(b, "bn1_scale", TensorProtoConverter.FromFloat(string.Empty, Enumerable.Repeat(1.2f, 8).ToArray(), 8)), Const("bn1_offset", 8), ConstNode(b, "bn1_mean", TensorProtoConverter.FromFloat(string.Empty, new float[8], 8)), ConstNode(b, "bn1_variance", TensorProtoConverter.FromFloat(string.Empty, Enumerable.Repeat(1f, 8).ToArray(), 8))], ["bn1"], ("epsilon", 1e-5f));
        b.Add("Relu", ["bn1"], ["relu1"]);
        b.Add("Conv", ["relu1", Const("conv2_weights", 16, 8, 3, 3), Const("conv2_bias", 16)], ["conv2"], ("pads", new long[] { 1, 1, 1, 1 }), ("strides", new long[] { 2, 2 }), ("kernel_shape", new long[] { 3, 3 }));
        if (opset < 11)
        {
            b.Add("Clip", ["conv2"], ["relu6"], ("min", 0f), ("max", 6f));
            b.Add("Upsample", ["relu6", ConstNode(b, "up_scales", TensorProtoConverter.FromFloat(string.Empty, [1, 1, 2, 2], 4))], ["up"], ("mode", "nearest"));
        }
        else
        {
            b.Add("Clip", ["conv2", ConstNode(b, "clip_min", TensorProtoConverter.FromFloat(string.Empty, [0f])), ConstNode(b, "clip_max", TensorProtoConverter.FromFloat(string.Empty, [6f]))], ["relu6"]);
            b.Add("Resize", ["relu6", ConstNode(b, "up_roi", TensorProtoConverter.FromFloat(string.Empty, [], 0)), ConstNode(b, "up_scales", TensorProtoConverter.FromFloat(string.Empty, [1, 1, 2, 2], 4))], ["up"], ("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor"));
        }

        b.Add("Conv", ["up", Const("conv3_weights", 8, 16, 1, 1)], ["conv3"], ("kernel_shape", new long[] { 1, 1 }));
        b.Add("Add", ["conv3", "relu1"], ["fused"]);
        b.Add("GlobalAveragePool", ["fused"], ["pool"]);
        b.Add("Squeeze", ["pool"], ["flat"], ("axes", new long[] { 2, 3 }));
        b.Add("MatMul", ["flat", Const("fc_weights", 8, 10)], ["fc"]);
        b.Add("Add", ["fc", Const("fc_bias", 10)], ["logits"]);
        b.Add("Softmax", ["logits"], ["prob"], ("axis", 1L));
        b.Model.ProducerName = "PaddlePaddle";
        return b.Model;
    }

    /// <summary>
    /// A tf2onnx-style CNN at opset 13: NHWC input [N,32,32,3], each Conv wrapped in Transpose (NHWC → NCHW → NHWC,
    /// with a cancelling Transpose pair between the two Convs), ReduceMean over H and W, MatMul+Add and Softmax.
    /// </summary>
    public static ModelProto TfLike()
    {
        var random = new Random(13);
        var b = new OnnxModelBuilder(13).Input("input_1", "unk__6,32,32,3").Output("dense", "unk__7,10");
        string Weight(string name, params long[] shape)
        {
            b.Floats(name, shape, Enumerable.Range(0, (int)Tensor.ElementCount(shape)).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(shape.Skip(1).Aggregate(1L, (x, y) => x * y))).ToArray());
            return name;
        }

        Named(b.Node("Transpose", ["input_1"], ["model/conv2d/Conv2D__6:0"], ("perm", new long[] { 0, 3, 1, 2 })), "model/conv2d/Conv2D__6");
        Named(b.Node("Conv", ["model/conv2d/Conv2D__6:0", Weight("model/conv2d/Conv2D/ReadVariableOp:0", 8, 3, 3, 3), Weight("model/conv2d/BiasAdd/ReadVariableOp:0", 8)], ["model/conv2d/BiasAdd:0"], ("pads", new long[] { 1, 1, 1, 1 }), ("kernel_shape", new long[] { 3, 3 })), "model/conv2d/BiasAdd");
        Named(b.Node("Relu", ["model/conv2d/BiasAdd:0"], ["model/conv2d/Relu:0"]), "model/conv2d/Relu");
        Named(b.Node("Transpose", ["model/conv2d/Relu:0"], ["model/conv2d/Relu__8:0"], ("perm", new long[] { 0, 2, 3, 1 })), "model/conv2d/Relu__8");
        Named(b.Node("Transpose", ["model/conv2d/Relu__8:0"], ["model/conv2d_1/Conv2D__10:0"], ("perm", new long[] { 0, 3, 1, 2 })), "model/conv2d_1/Conv2D__10");
        Named(b.Node("Conv", ["model/conv2d_1/Conv2D__10:0", Weight("model/conv2d_1/Conv2D/ReadVariableOp:0", 16, 8, 3, 3), Weight("model/conv2d_1/BiasAdd/ReadVariableOp:0", 16)], ["model/conv2d_1/BiasAdd:0"], ("pads", new long[] { 1, 1, 1, 1 }), ("strides", new long[] { 2, 2 }), ("kernel_shape", new long[] { 3, 3 })), "model/conv2d_1/BiasAdd");
        Named(b.Node("Relu", ["model/conv2d_1/BiasAdd:0"], ["model/conv2d_1/Relu:0"]), "model/conv2d_1/Relu");
        Named(b.Node("Transpose", ["model/conv2d_1/Relu:0"], ["model/conv2d_1/Relu__12:0"], ("perm", new long[] { 0, 2, 3, 1 })), "model/conv2d_1/Relu__12");
        Named(b.Node("ReduceMean", ["model/conv2d_1/Relu__12:0"], ["model/global_average_pooling2d/Mean:0"], ("axes", new long[] { 1, 2 }), ("keepdims", 0L)), "model/global_average_pooling2d/Mean");
        Named(b.Node("MatMul", ["model/global_average_pooling2d/Mean:0", Weight("model/dense/MatMul/ReadVariableOp:0", 16, 10)], ["model/dense/MatMul:0"]), "model/dense/MatMul");
        Named(b.Node("Add", ["model/dense/MatMul:0", Weight("model/dense/BiasAdd/ReadVariableOp:0", 10)], ["model/dense/BiasAdd:0"]), "model/dense/BiasAdd");
        Named(b.Node("Softmax", ["model/dense/BiasAdd:0"], ["dense"], ("axis", -1L)), "model/dense/Softmax");
        b.Model.ProducerName = "tf2onnx";
        return b.Model;
    }

    /// <summary>A model with two inputs: image [N,1,8,8] through Conv/Relu/GlobalAveragePool, meta [N,4] through Gemm, concatenated into a Gemm classifier.</summary>
    public static ModelProto TwoInputs()
    {
        var random = new Random(2);
        var b = new OnnxModelBuilder(13).Input("image", "batch,1,8,8").Input("meta", "batch,4").Output("logits", "batch,10");
        string Weight(string name, params long[] shape)
        {
            b.Floats(name, shape, Enumerable.Range(0, (int)Tensor.ElementCount(shape)).Select(_ => (float)((random.NextDouble() * 2) - 1) / MathF.Sqrt(shape.Skip(1).Aggregate(1L, (x, y) => x * y))).ToArray());
            return name;
        }

        b.Add("Conv", ["image", Weight("conv.w", 8, 1, 3, 3), Weight("conv.b", 8)], ["c"], ("pads", new long[] { 1, 1, 1, 1 }), ("kernel_shape", new long[] { 3, 3 }));
        b.Add("Relu", ["c"], ["r"]);
        b.Add("GlobalAveragePool", ["r"], ["g"]);
        b.Add("Flatten", ["g"], ["f"], ("axis", 1L));
        b.Add("Gemm", ["meta", Weight("meta.w", 8, 4), Weight("meta.b", 8)], ["m"], ("transB", 1L));
        b.Add("Relu", ["m"], ["mr"]);
        b.Add("Concat", ["f", "mr"], ["both"], ("axis", 1L));
        b.Add("Gemm", ["both", Weight("head.w", 10, 16), Weight("head.b", 10)], ["logits"], ("transB", 1L));
        return b.Model;
    }

    private static void Named(NodeProto node, string name) => node.Name = name;

    private static string ConstNode(OnnxModelBuilder b, string name, TensorProto value)
    {
        var node = b.Node("Constant", [], [name], ("value", value));
        node.Name = name + "_const";
        return name;
    }
}
