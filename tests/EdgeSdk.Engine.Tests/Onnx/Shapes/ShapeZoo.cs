// Small graphs exercising each shape rule (most variants of each operator's attributes), run through ONNX
// Runtime by ShapeInferenceMatchesOnnxRuntimeTests to prove the inferred shapes equal the real ones.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Onnx.Shapes;

internal static class ShapeZoo
{
    public static readonly Dictionary<string, long> Symbols = new() { ["batch"] = 3, ["n"] = 2 };

    public static readonly Dictionary<string, Func<ModelProto>> Models = new()
    {
        ["conv"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,3,11,13").Weight("w", 8, 3, 3, 3).Weight("g", 3, 1, 3, 3);
            b.Add("Conv", ["x", "w"], ["c0"]);
            b.Add("Conv", ["x", "w"], ["c1"], ("strides", new long[] { 2, 3 }), ("pads", new long[] { 1, 0, 2, 1 }));
            b.Add("Conv", ["x", "w"], ["c2"], ("dilations", new long[] { 2, 2 }));
            b.Add("Conv", ["x", "w"], ["c3"], ("auto_pad", "SAME_UPPER"), ("strides", new long[] { 2, 2 }));
            b.Add("Conv", ["x", "w"], ["c4"], ("auto_pad", "VALID"), ("strides", new long[] { 2, 2 }));
            b.Add("Conv", ["x", "g"], ["c5"], ("group", 3L), ("pads", new long[] { 1, 1, 1, 1 }));
            return b.Model;
        },
        ["convtranspose"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,8,5,6").Weight("w", 8, 4, 3, 3);
            b.Add("ConvTranspose", ["x", "w"], ["t0"]);
            b.Add("ConvTranspose", ["x", "w"], ["t1"], ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }), ("output_padding", new long[] { 1, 0 }), ("group", 2L));
            b.Add("ConvTranspose", ["x", "w"], ["t2"], ("strides", new long[] { 2, 2 }), ("auto_pad", "SAME_UPPER"));
            return b.Model;
        },
        ["pooling"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,4,7,9");
            b.Add("MaxPool", ["x"], ["m0", "i0"], ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
            b.Add("MaxPool", ["x"], ["m1"], ("kernel_shape", new long[] { 2, 3 }), ("strides", new long[] { 2, 2 }), ("ceil_mode", 1L));
            b.Add("MaxPool", ["x"], ["m2"], ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }), ("dilations", new long[] { 2, 1 }));
            b.Add("AveragePool", ["x"], ["a0"], ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }));
            b.Add("AveragePool", ["x"], ["a1"], ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("auto_pad", "SAME_LOWER"));
            b.Add("GlobalAveragePool", ["x"], ["g0"]);
            b.Add("GlobalMaxPool", ["x"], ["g1"]);
            return b.Model;
        },
        ["matrix"] = () =>
        {
            var b = new OnnxModelBuilder().Input("a", "batch,5").Input("at", "5,batch").Input("p", "2,1,3,4").Input("q", "5,4,6").Input("v", "4").Input("v5", "5").Input("r", "n,4,5")
                .Weight("w", 5, 7).Weight("wt", 7, 5).Weight("bias", 7);
            b.Add("Gemm", ["a", "w", "bias"], ["g0"]);
            b.Add("Gemm", ["at", "wt"], ["g1"], ("transA", 1L), ("transB", 1L));
            b.Add("MatMul", ["p", "q"], ["m0"]);
            b.Add("MatMul", ["v", "r"], ["m1"]);
            b.Add("MatMul", ["r", "v5"], ["m2"]);
            b.Add("MatMul", ["a", "w"], ["m3"]);
            return b.Model;
        },
        ["elementwise"] = () =>
        {
            var b = new OnnxModelBuilder().Input("a", "batch,1,4").Input("c", "3,1").Input("s", "");
            b.Add("Add", ["a", "c"], ["e0"]);
            b.Add("Mul", ["a", "s"], ["e1"]);
            b.Add("Less", ["a", "c"], ["e2"]);
            b.Add("Where", ["e2", "a", "s"], ["e3"]);
            b.Add("Max", ["a", "c", "s"], ["e4"]);
            b.Add("Pow", ["a", "s"], ["e5"]);
            foreach (var op in new[] { "Relu", "Erf", "Sigmoid", "Tanh", "Exp", "Abs", "Neg", "Sqrt", "HardSwish", "LeakyRelu", "Softplus" })
            {
                b.Add(op, ["e0"], [op]);
            }

            b.Add("Softmax", ["e0"], ["sm"], ("axis", 1L));
            b.Add("Clip", ["e0", "", ""], ["clip"]);
            b.Add("Dropout", ["e0"], ["drop"]);
            b.Add("Identity", ["e0"], ["id"]);
            return b.Model;
        },
        ["reshape"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,3,4,5").Ints("t0", 0, -1).Ints("t1", -1, 5).Ints("t2", 0, 3, 2, -1).Ints("zero", [], [0]).Ints("ax", 0).Ints("rest", 4, -1);
            b.Add("Reshape", ["x", "t0"], ["r0"]);
            b.Add("Reshape", ["x", "t1"], ["r1"]);
            b.Add("Reshape", ["x", "t2"], ["r2"]);
            b.Add("Shape", ["x"], ["s"]);
            b.Add("Gather", ["s", "zero"], ["n0"], ("axis", 0L));
            b.Add("Unsqueeze", ["n0", "ax"], ["n1"]);
            b.Add("Concat", ["n1", "rest"], ["target"], ("axis", 0L));
            b.Add("Reshape", ["x", "target"], ["r3"]);
            b.Add("Flatten", ["x"], ["f0"]);
            b.Add("Flatten", ["x"], ["f1"], ("axis", 0L));
            b.Add("Flatten", ["x"], ["f2"], ("axis", -1L));
            b.Add("Transpose", ["x"], ["p0"], ("perm", new long[] { 0, 3, 1, 2 }));
            b.Add("Transpose", ["x"], ["p1"]);
            return b.Model;
        },
        ["squeeze11"] = () =>
        {
            var b = new OnnxModelBuilder(11).Input("x", "batch,1,5,1");
            b.Add("Squeeze", ["x"], ["s0"], ("axes", new long[] { 1, -1 }));
            b.Add("Unsqueeze", ["x"], ["u0"], ("axes", new long[] { 0, 5 }));
            return b.Model;
        },
        ["squeeze13"] = () =>
        {
            var b = new OnnxModelBuilder(13).Input("x", "batch,1,5,1").Ints("a", 1).Ints("u", 0, -1);
            b.Add("Squeeze", ["x", "a"], ["s0"]);
            b.Add("Unsqueeze", ["x", "u"], ["u0"]);
            return b.Model;
        },
        ["split"] = () =>
        {
            var b = new OnnxModelBuilder(18).Input("x", "batch,7,6").Ints("sizes", 2, 5);
            b.Add("Split", ["x", "sizes"], ["a", "c"], ("axis", 1L));
            b.Add("Split", ["x"], ["p", "q", "r"], ("axis", 1L), ("num_outputs", 3L));
            b.Add("Split", ["x"], ["h0", "h1"], ("axis", -1L), ("num_outputs", 2L));
            b.Add("Concat", ["a", "c", "p"], ["cat"], ("axis", 1L));
            return b.Model;
        },
        ["slice"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,10,6")
                .Ints("s0", 1).Ints("e0", -1).Ints("a0", 1)
                .Ints("s1", -1).Ints("e1", long.MinValue).Ints("a1", 1).Ints("st1", -2)
                .Ints("s2", 0, 2).Ints("e2", 100, 5).Ints("a2", 2, 1)
                .Ints("s3", 0).Ints("e3", long.MaxValue).Ints("a3", 0);
            b.Add("Slice", ["x", "s0", "e0", "a0"], ["y0"]);
            b.Add("Slice", ["x", "s1", "e1", "a1", "st1"], ["y1"]);
            b.Add("Slice", ["x", "s2", "e2", "a2"], ["y2"]);
            b.Add("Slice", ["x", "s3", "e3", "a3"], ["y3"]);
            return b.Model;
        },
        ["gather"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,10,5").Ints("i", [2, 3], [0, 1, 2, 3, 4, 0]).Ints("k", [], [1]);
            b.Add("Gather", ["x", "i"], ["y0"], ("axis", 1L));
            b.Add("Gather", ["x", "k"], ["y1"], ("axis", -1L));
            b.Add("Gather", ["x", "k"], ["y2"]);
            return b.Model;
        },
        ["reduce13"] = () =>
        {
            var b = new OnnxModelBuilder(13).Input("x", "batch,4,5").Ints("axes", -1, 1);
            b.Add("ReduceMean", ["x"], ["r0"], ("axes", new long[] { -1, 1 }));
            b.Add("ReduceMax", ["x"], ["r1"], ("axes", new long[] { 1 }), ("keepdims", 0L));
            b.Add("ReduceSum", ["x", "axes"], ["r2"], ("keepdims", 0L));
            b.Add("ReduceSum", ["x"], ["r3"]);
            b.Add("ArgMax", ["x"], ["r4"], ("axis", 1L), ("keepdims", 0L));
            b.Add("ArgMin", ["x"], ["r5"], ("axis", -1L));
            return b.Model;
        },
        ["reduce18"] = () =>
        {
            var b = new OnnxModelBuilder(18).Input("x", "batch,4,5").Ints("axes", 2);
            b.Add("ReduceMean", ["x", "axes"], ["r0"], ("keepdims", 0L));
            b.Add("ReduceL2", ["x"], ["r1"], ("keepdims", 0L));
            b.Add("ReduceMin", ["x"], ["r2"], ("noop_with_empty_axes", 1L));
            return b.Model;
        },
        ["types"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,3").Floats("scale", [], [0.1f]);
            b.Graph.Initializer.Add(new TensorProto { Name = "zp", DataType = (int)TensorElementType.Int8, RawData = Google.Protobuf.ByteString.CopyFrom(0) });
            b.Add("Cast", ["x"], ["c0"], ("to", (long)TensorElementType.Int64));
            b.Add("Cast", ["x"], ["c1"], ("to", (long)TensorElementType.Bool));
            b.Add("QuantizeLinear", ["x", "scale", "zp"], ["q0"]);
            b.Add("QuantizeLinear", ["x", "scale"], ["q1"]);
            b.Add("DequantizeLinear", ["q0", "scale", "zp"], ["d0"]);
            b.Add("Shape", ["x"], ["sh"]);
            b.Add("Shape", ["x"], ["sh1"], ("start", -1L));
            b.Add("Size", ["x"], ["sz"]);
            b.Add("ConstantOfShape", ["sh"], ["cs"]);
            b.Add("Constant", [], ["k"], ("value", TensorProtoConverter.FromFloat("v", [1, 2, 3, 4, 5, 6], 2, 3)));
            b.Add("DynamicQuantizeLinear", ["x"], ["dq", "dqs", "dqz"]);
            return b.Model;
        },
        ["resize"] = () =>
        {
            var b = new OnnxModelBuilder(13).Input("x", "batch,3,10,10").Floats("scales", [4], [1f, 1f, 2f, 1.5f]).Floats("down", [4], [1f, 1f, 0.35f, 0.5f]).Ints("sizes", 3, 3, 7, 9);
            b.Add("Resize", ["x", "", "scales"], ["r0"], ("mode", "nearest"));
            b.Add("Resize", ["x", "", "down"], ["r1"], ("mode", "linear"));
            b.Add("Resize", ["x", "", "", "sizes"], ["r2"]);
            return b.Model;
        },
        ["expand"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,1,4").Ints("shape", 3, 1).Ints("reps", 1, 2, 3).Ints("pads", 0, 1, 0, 0, 2, 1);
            b.Add("Expand", ["x", "shape"], ["e"]);
            b.Add("Tile", ["x", "reps"], ["t"]);
            b.Add("Pad", ["x", "pads"], ["p"]);
            b.Add("Range", ["z0", "z5", "z1"], ["rg"]);
            b.Ints("z0", [], [0]).Ints("z5", [], [5]).Ints("z1", [], [2]);
            b.Add("TopK", ["x", "k2"], ["tv", "ti"]);
            b.Ints("k2", 2);
            return b.Model;
        },
        ["if"] = () =>
        {
            GraphProto Branch(string op)
            {
                var g = new GraphProto { Name = op };
                g.Node.Add(new NodeProto { OpType = op, Input = { "x" }, Output = { op + "_out" } });
                g.Output.Add(new ValueInfoProto { Name = op + "_out", Type = OnnxModelBuilder.TensorType(TensorElementType.Float, "batch,3") });
                return g;
            }

            var b = new OnnxModelBuilder().Input("x", "batch,3").Input("c", "", TensorElementType.Bool);
            b.Add("If", ["c"], ["y"], ("then_branch", Branch("Relu")), ("else_branch", Branch("Neg")));
            b.Add("Add", ["y", "x"], ["z"]);
            return b.Model;
        },
        ["recurrent"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "7,batch,5").Weight("w", 2, 16, 5).Weight("r", 2, 16, 4).Weight("gw", 1, 12, 5).Weight("gr", 1, 12, 4);
            b.Add("LSTM", ["x", "w", "r"], ["y", "yh", "yc"], ("hidden_size", 4L), ("direction", "bidirectional"));
            b.Add("GRU", ["x", "gw", "gr"], ["gy", "gh"], ("hidden_size", 4L));
            return b.Model;
        },
        ["indexing"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,4,5").Ints("nd", [2, 2], [0, 1, 0, 2]).Ints("oh", [3], [0, 2, 1]).Ints("depth", [], [6]).Floats("vals", [2], [0, 1]);
            b.Add("GatherND", ["x", "nd"], ["g"], ("batch_dims", 0L));
            b.Add("OneHot", ["oh", "depth", "vals"], ["o"], ("axis", 0L));
            b.Add("Trilu", ["x"], ["t"]);
            return b.Model;
        },
        ["einsum"] = () =>
        {
            var b = new OnnxModelBuilder().Input("q", "batch,4,8,16").Input("k", "batch,4,6,16").Input("m", "3,5").Input("v", "5");
            b.Add("Einsum", ["q", "k"], ["att"], ("equation", "bhqd,bhkd->bhqk"));
            b.Add("Einsum", ["q", "k"], ["ell"], ("equation", "...qd,...kd->...qk"));
            b.Add("Einsum", ["m", "v"], ["mv"], ("equation", "ij,j"));
            b.Add("Einsum", ["m"], ["tr"], ("equation", "ij->ji"));
            return b.Model;
        },
        ["normalization"] = () =>
        {
            var b = new OnnxModelBuilder().Input("x", "batch,4,6,6").Weight("s", 4).Weight("bias", 4).Weight("m", 4).Floats("v", [4], [1, 1, 1, 1]).Weight("ln", 6, 6);
            b.Add("BatchNormalization", ["x", "s", "bias", "m", "v"], ["bn"]);
            b.Add("LayerNormalization", ["x", "ln", "ln"], ["ly", "mean", "inv"], ("axis", -2L));
            b.Add("InstanceNormalization", ["x", "s", "bias"], ["in"]);
            return b.Model;
        },
    };
}
