// Every operator's gradient checked against central finite differences on small random inputs
// (fixed seeds). Inputs of piecewise-linear operators are kept away from their kinks.
using EdgeSdk.Onnx;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class GradientCheckTests
{
    private static float AwayFromZero(Random r) => (float)((0.1 + r.NextDouble()) * (r.Next(2) == 0 ? -1 : 1));

    private static float Positive(Random r) => (float)(0.5 + r.NextDouble());

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    public void Gemm(int transA, int transB)
    {
        var m = new TinyModel()
            .Float("A", transA == 1 ? [5, 3] : [3, 5])
            .Float("B", transB == 1 ? [4, 5] : [5, 4])
            .Float("C", [4])
            .Node("Gemm", ["A", "B", "C"], ["Y"], n => { n.SetInt("transA", transA); n.SetInt("transB", transB); n.SetFloat("alpha", 0.7f); n.SetFloat("beta", 1.3f); })
            .Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Fact]
    public void Gemm_with_matrix_bias_and_large_k()
    {
        var m = new TinyModel().Float("A", [7, 300]).Float("B", [300, 19]).Float("C", [7, 19])
            .Node("Gemm", ["A", "B", "C"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build(), atol: 2e-2);
    }

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 4, 5 })]
    [InlineData(new[] { 2, 3, 4 }, new[] { 4, 5 })]
    [InlineData(new[] { 2, 2, 3, 4 }, new[] { 2, 2, 4, 3 })]
    [InlineData(new[] { 2, 1, 3, 4 }, new[] { 3, 4, 2 })]
    public void MatMul(int[] a, int[] b)
    {
        var m = new TinyModel().Float("A", a).Float("B", b).Node("MatMul", ["A", "B"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Theory]
    [InlineData(1, 1, 1, 1, 1, false)]
    [InlineData(2, 1, 0, 1, 1, true)]
    [InlineData(1, 2, 1, 1, 1, true)]
    [InlineData(1, 1, 2, 2, 1, true)]
    public void Conv(int stride, int dilation, int pad, int groups, int kernel, bool bias)
    {
        var k = kernel == 1 ? 3 : kernel;
        var m = new TinyModel().Float("X", [2, 4, 7, 6]).Float("W", [6, 4 / groups, k, k]).Float("Bias", [6]);
        m.Node("Conv", bias ? ["X", "W", "Bias"] : ["X", "W"], ["Y"], n =>
        {
            n.SetInts("strides", [stride, stride]);
            n.SetInts("dilations", [dilation, dilation]);
            n.SetInts("pads", [pad, pad, pad, pad]);
            n.SetInt("group", groups);
            n.SetInts("kernel_shape", [k, k]);
        }).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Fact]
    public void Conv_columns_kept_across_several_chunks_and_groups()
    {
        // 20×20 planes give two images per im2col chunk, so three images make a full and a partial chunk, each
        // with two groups: the weight gradient must read back the right forward column block for each.
        var m = new TinyModel().Float("X", [3, 2, 20, 20]).Float("W", [4, 1, 3, 3]);
        m.Node("Conv", ["X", "W"], ["Y"], n =>
        {
            n.SetInts("pads", [1, 1, 1, 1]);
            n.SetInt("group", 2);
            n.SetInts("kernel_shape", [3, 3]);
        }).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Fact]
    public void Conv_pointwise()
    {
        var m = new TinyModel().Float("X", [2, 5, 4, 3]).Float("W", [3, 5, 1, 1])
            .Node("Conv", ["X", "W"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(1, 0)]
    public void Conv_depthwise(int stride, int pad)
    {
        var m = new TinyModel().Float("X", [2, 3, 7, 8]).Float("W", [3, 1, 3, 3]).Float("Bias", [3])
            .Node("Conv", ["X", "W", "Bias"], ["Y"], n => { n.SetInt("group", 3); n.SetInts("strides", [stride, stride]); n.SetInts("pads", [pad, pad, pad, pad]); })
            .Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Theory]
    [InlineData("Frozen")]
    [InlineData("Train")]
    public void BatchNormalization(string modeName)
    {
        var mode = Enum.Parse<BatchNormMode>(modeName);
        var m = new TinyModel().Float("X", [3, 4, 2, 3]).Float("S", [4]).Float("B", [4]).Float("Mean", [4]).Float("Var", [4], Positive)
            .Node("BatchNormalization", ["X", "S", "B", "Mean", "Var"], ["Y"])
            .Output("Y");
        GradientChecker.Check(m.Build(), mode, eps: 5e-3f);
    }

    [Theory]
    [InlineData("Relu")]
    [InlineData("Erf")]
    [InlineData("Sigmoid")]
    [InlineData("Tanh")]
    public void Unary(string op)
    {
        var m = new TinyModel().Float("X", [3, 5], AwayFromZero).Node(op, ["X"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Fact]
    public void Clip_as_relu6()
    {
        var values = new float[] { -2f, -0.5f, 0.3f, 1.7f, 3.2f, 5.5f, 6.4f, 8f, 2.2f, 4.4f };
        var m = new TinyModel().Float("X", [10], values).Float("Lo", [1], [0f]).Float("Hi", [1], [6f])
            .Node("Clip", ["X", "Lo", "Hi"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Theory]
    [InlineData("Add", new[] { 2, 3, 4 }, new[] { 4 })]
    [InlineData("Sub", new[] { 2, 3, 4 }, new[] { 2, 1, 4 })]
    [InlineData("Mul", new[] { 3, 1 }, new[] { 2, 1, 5 })]
    [InlineData("Div", new[] { 2, 3, 4 }, new[] { 3, 1 })]
    [InlineData("Mul", new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData("Div", new[] { 1 }, new[] { 2, 3 })]
    public void Broadcasting_arithmetic(string op, int[] a, int[] b)
    {
        var m = new TinyModel().Float("A", a).Float("B", b, op == "Div" ? Positive : null).Node(op, ["A", "B"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void Softmax(int axis)
    {
        var m = new TinyModel().Float("X", [2, 3, 4]).Node("Softmax", ["X"], ["Y"], n => n.SetInt("axis", axis)).Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Fact]
    public void LayerNormalization()
    {
        var m = new TinyModel().Float("X", [2, 3, 6]).Float("S", [6]).Float("B", [6])
            .Node("LayerNormalization", ["X", "S", "B"], ["Y"], n => n.SetInt("axis", -1)).Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ReduceMean(int keepdims)
    {
        var m = new TinyModel(opset: 13).Float("X", [2, 3, 4])
            .Node("ReduceMean", ["X"], ["Y"], n => { n.SetInts("axes", [1]); n.SetInt("keepdims", keepdims); }).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 1, 1)]
    public void MaxPool(int kernel, int stride, int pad)
    {
        var rng = new Random(3);
        var values = Enumerable.Range(0, 2 * 2 * 6 * 6).Select(i => i * 0.1f).OrderBy(_ => rng.Next()).ToArray();
        var m = new TinyModel().Float("X", [2, 2, 6, 6], values)
            .Node("MaxPool", ["X"], ["Y"], n => { n.SetInts("kernel_shape", [kernel, kernel]); n.SetInts("strides", [stride, stride]); n.SetInts("pads", [pad, pad, pad, pad]); })
            .Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Fact]
    public void GlobalAveragePool_Flatten()
    {
        var m = new TinyModel().Float("X", [2, 3, 4, 5])
            .Node("GlobalAveragePool", ["X"], ["P"]).Node("Flatten", ["P"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Fact]
    public void Reshape_Transpose_Identity_Dropout()
    {
        var m = new TinyModel().Float("X", [2, 3, 4]).Ints("Shape", 0, 4, -1)
            .Node("Reshape", ["X", "Shape"], ["R"]).Node("Transpose", ["R"], ["T"], n => n.SetInts("perm", [2, 0, 1]))
            .Node("Identity", ["T"], ["I"]).Node("Dropout", ["I"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Fact]
    public void Split_Concat_with_fanout()
    {
        var m = new TinyModel().Float("X", [2, 6, 3]).Float("Z", [2, 2, 3]).Ints("Sizes", 2, 4)
            .Node("Split", ["X", "Sizes"], ["S0", "S1"], n => n.SetInt("axis", 1))
            .Node("Concat", ["S1", "Z", "S0", "S0"], ["C"], n => n.SetInt("axis", 1))
            .Node("Mul", ["C", "C"], ["Y"]).Output("Y");
        GradientChecker.Check(m.Build(), eps: 1e-3f);
    }

    [Fact]
    public void Gather_embedding()
    {
        var m = new TinyModel().Float("E", [5, 3]).Ints("Idx", 4, 0, 4, 2)
            .Node("Gather", ["E", "Idx"], ["Y"], n => n.SetInt("axis", 0)).Output("Y");
        GradientChecker.Check(m.Build());
    }

    [Fact]
    public void Transformer_fixture_parameters()
    {
        var model = ModelGraph.Load(EdgeSdk.Tests.TestPaths.Model("digits_transformer"));
        var x = EdgeSdk.Data.NpyFile.Read(EdgeSdk.Tests.TestPaths.Data("digits", "train_x.npy")).SliceRows(0, 3);
        GradientChecker.Check(model, eps: 2e-3f, atol: 1e-2, maxPerParameter: 3, inputs: new Dictionary<string, float[]> { ["input"] = x.AsFloat() }, inputShapes: new Dictionary<string, int[]> { ["input"] = [3, 1, 8, 8] });
    }

    [Fact]
    public void Mobilenet_fixture_parameters()
    {
        var model = ModelGraph.Load(EdgeSdk.Tests.TestPaths.Model("digits32_mobilenet"));
        var x = EdgeSdk.Data.NpyFile.Read(EdgeSdk.Tests.TestPaths.Data("digits32", "train_x.npy")).SliceRows(0, 2);
        GradientChecker.Check(model, BatchNormMode.Frozen, eps: 3e-4f, atol: 2e-2, rtol: 5e-2, maxPerParameter: 2, inputs: new Dictionary<string, float[]> { ["input"] = x.AsFloat() }, inputShapes: new Dictionary<string, int[]> { ["input"] = [2, 1, 32, 32] });
    }
}

public sealed class FakeQuantizationTests
{
    [Fact]
    public void Quantize_dequantize_pair_passes_gradient_inside_the_range_and_blocks_it_outside()
    {
        // uint8, scale 0.1, zero point 10: representable range [-1.0, 24.5]
        var x = new float[] { -3f, -0.95f, 0.33f, 12.26f, 24.4f, 30f };
        var model = new TinyModel().Float("X", [6], x).Float("S", [1], [0.1f])
            .Node("QuantizeLinear", ["X", "S", "Z"], ["Q"]).Node("DequantizeLinear", ["Q", "S", "Z"], ["Y"]).Output("Y").Build();
        model.SetInitializer(EdgeSdk.Onnx.TensorProtoConverter.FromTensor("Z", EdgeSdk.Tensors.Tensor.Create(EdgeSdk.Tensors.TensorElementType.UInt8, new byte[] { 10 }, [])));
        var graph = new TrainingGraph(model);
        var plan = graph.Plan(new Dictionary<string, int[]>(), training: true);

        plan.Forward();
        var y = plan.Outputs[0].Span.ToArray();
        plan.Outputs[0].GradSpan.Fill(1f);
        plan.Backward();

        y.Should().BeEquivalentTo(new[] { -1f, -1f, 0.3f, 12.3f, 24.4f, 24.5f }, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-5f)).WhenTypeIs<float>());
        graph.Parameter("X").Grad.Should().Equal(0f, 1f, 1f, 1f, 1f, 0f);
    }
}
