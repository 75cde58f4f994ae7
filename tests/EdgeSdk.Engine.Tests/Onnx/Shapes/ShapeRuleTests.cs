using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Onnx.Shapes;

// Each expected shape below is computed by hand from the ONNX operator specification.
public class ShapeRuleTests
{
    private static string Infer(OnnxModelBuilder b, string value) => ShapeInference.Infer(b.ToGraph())[value].ToString();

    [Theory]
    [InlineData(new long[] { 1, 1 }, new long[] { 0, 0, 0, 0 }, new long[] { 1, 1 }, "NOTSET", "float[batch,16,30,30]")]
    [InlineData(new long[] { 2, 2 }, new long[] { 1, 1, 1, 1 }, new long[] { 1, 1 }, "NOTSET", "float[batch,16,16,16]")]
    [InlineData(new long[] { 1, 1 }, new long[] { 0, 0, 0, 0 }, new long[] { 2, 2 }, "NOTSET", "float[batch,16,28,28]")]
    [InlineData(new long[] { 2, 2 }, new long[] { 0, 0, 0, 0 }, new long[] { 1, 1 }, "SAME_UPPER", "float[batch,16,16,16]")]
    [InlineData(new long[] { 2, 3 }, new long[] { 0, 0, 0, 0 }, new long[] { 1, 1 }, "VALID", "float[batch,16,15,10]")]
    public void ConvOutputSizeFollowsStridesPadsDilationsAndAutoPad(long[] strides, long[] pads, long[] dilations, string autoPad, string expected)
    {
        var b = new OnnxModelBuilder().Input("x", "batch,3,32,32").Weight("w", 16, 3, 3, 3);
        b.Add("Conv", ["x", "w"], ["y"], ("strides", strides), ("pads", pads), ("dilations", dilations), ("auto_pad", autoPad));
        Infer(b, "y").Should().Be(expected);
    }

    [Fact]
    public void GroupedConvTakesOutputChannelsFromTheWeight()
    {
        var b = new OnnxModelBuilder().Input("x", "1,32,10,10").Weight("w", 32, 1, 3, 3);
        b.Add("Conv", ["x", "w"], ["y"], ("group", 32L), ("pads", new long[] { 1, 1, 1, 1 }), ("strides", new long[] { 2, 2 }));
        Infer(b, "y").Should().Be("float[1,32,5,5]");
    }

    [Fact]
    public void ConvTransposeUsesTheTransposedFormulaAndGroupTimesWeightChannels()
    {
        var b = new OnnxModelBuilder().Input("x", "n,8,7,7").Weight("w", 8, 4, 3, 3);
        b.Add("ConvTranspose", ["x", "w"], ["y"], ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }), ("output_padding", new long[] { 1, 1 }), ("group", 2L));
        Infer(b, "y").Should().Be("float[n,8,14,14]");
    }

    [Theory]
    [InlineData(0L, "float[1,3,2,2]")]
    [InlineData(1L, "float[1,3,3,3]")]
    public void MaxPoolCeilModeRoundsUp(long ceil, string expected)
    {
        var b = new OnnxModelBuilder().Input("x", "1,3,5,5");
        b.Add("MaxPool", ["x"], ["y", "i"], ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }), ("ceil_mode", ceil));
        Infer(b, "y").Should().Be(expected);
        Infer(b, "i").Should().Be(expected.Replace("float", "int64"));
    }

    [Fact]
    public void AveragePoolAndGlobalPoolsReduceSpatialDims()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,8,9,9");
        b.Add("AveragePool", ["x"], ["a"], ("kernel_shape", new long[] { 3, 3 }), ("strides", new long[] { 2, 2 }), ("pads", new long[] { 1, 1, 1, 1 }));
        b.Add("GlobalMaxPool", ["x"], ["g"]);
        Infer(b, "a").Should().Be("float[batch,8,5,5]");
        Infer(b, "g").Should().Be("float[batch,8,1,1]");
    }

    [Theory]
    [InlineData(0L, 0L, "batch,20", "20,10", "float[batch,10]")]
    [InlineData(1L, 1L, "20,batch", "10,20", "float[batch,10]")]
    public void GemmHonoursTransposes(long transA, long transB, string a, string w, string expected)
    {
        var dims = w.Split(',').Select(long.Parse).ToArray();
        var b = new OnnxModelBuilder().Input("a", a).Weight("w", dims);
        b.Add("Gemm", ["a", "w"], ["y"], ("transA", transA), ("transB", transB));
        Infer(b, "y").Should().Be(expected);
    }

    [Theory]
    [InlineData("batch,4,8,16", "batch,4,16,8", "float[batch,4,8,8]")]
    [InlineData("2,1,3,4", "5,4,6", "float[2,5,3,6]")]
    [InlineData("4", "3,4,5", "float[3,5]")]
    [InlineData("3,4,5", "5", "float[3,4]")]
    [InlineData("4", "4", "float[]")]
    public void MatMulBroadcastsBatchesAndPromotesVectors(string a, string bShape, string expected)
    {
        var b = new OnnxModelBuilder().Input("a", a).Input("b", bShape);
        b.Add("MatMul", ["a", "b"], ["y"]);
        Infer(b, "y").Should().Be(expected);
    }

    [Theory]
    [InlineData("batch,1,4", "3,1", "float[batch,3,4]")]
    [InlineData("2,3", "3", "float[2,3]")]
    [InlineData("batch,5", "1,5", "float[batch,5]")]
    [InlineData("batch,5", "seq,5", "float[?,5]")]
    [InlineData("1", "n,1", "float[n,1]")]
    public void ElementwiseBinaryOpsBroadcast(string a, string bShape, string expected)
    {
        var b = new OnnxModelBuilder().Input("a", a).Input("b", bShape);
        b.Add("Add", ["a", "b"], ["y"]);
        b.Add("Less", ["a", "b"], ["c"]);
        Infer(b, "y").Should().Be(expected);
        Infer(b, "c").Should().Be(expected.Replace("float", "bool"));
    }

    [Fact]
    public void UnaryActivationsKeepTypeAndShape()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,7");
        foreach (var op in new[] { "Relu", "Erf", "Sigmoid", "Tanh", "Softmax", "LeakyRelu", "HardSwish", "Identity" })
        {
            b.Add(op, ["x"], [op.ToLowerInvariant()]);
        }

        b.Add("Clip", ["x", "", ""], ["clip"]);
        b.Add("Dropout", ["x"], ["drop", "mask"]);
        foreach (var name in new[] { "relu", "erf", "sigmoid", "tanh", "softmax", "leakyrelu", "hardswish", "identity", "clip", "drop" })
        {
            Infer(b, name).Should().Be("float[batch,7]");
        }

        Infer(b, "mask").Should().Be("bool[batch,7]");
    }

    [Fact]
    public void NormalizationsKeepTheInputShape()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,4,6,6").Weight("s", 4).Weight("bias", 4).Weight("m", 4).Weight("v", 4).Weight("ln", 6);
        b.Add("BatchNormalization", ["x", "s", "bias", "m", "v"], ["bn"]);
        b.Add("LayerNormalization", ["x", "ln", "ln"], ["ly", "mean", "inv"], ("axis", -1L));
        Infer(b, "bn").Should().Be("float[batch,4,6,6]");
        Infer(b, "ly").Should().Be("float[batch,4,6,6]");
        Infer(b, "mean").Should().Be("float[batch,4,6,1]");
    }

    [Theory]
    [InlineData(new long[] { 0, -1 }, 0L, "float[batch,60]")]
    [InlineData(new long[] { -1, 5 }, 0L, "float[?,5]")]
    [InlineData(new long[] { 2, 0, 2, -1 }, 0L, "float[2,3,2,5]")]
    [InlineData(new long[] { 0, 3, 4, 5 }, 1L, "float[0,3,4,5]")]
    public void ReshapeCopiesZerosAndInfersMinusOne(long[] target, long allowZero, string expected)
    {
        var b = new OnnxModelBuilder().Input("x", target[0] == 2 ? "4,3,5" : "batch,3,4,5").Ints("shape", target);
        b.Add("Reshape", ["x", "shape"], ["y"], ("allowzero", allowZero));
        Infer(b, "y").Should().Be(expected);
    }

    [Fact]
    public void ReshapeWithATargetFromAShapeSubgraphKeepsTheSymbol()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,3,4").Ints("zero", [], [0]).Ints("axes", 0).Ints("rest", -1);
        b.Add("Shape", ["x"], ["s"]);
        b.Add("Gather", ["s", "zero"], ["n"], ("axis", 0L));
        b.Add("Unsqueeze", ["n", "axes"], ["n1"]);
        b.Add("Concat", ["n1", "rest"], ["target"], ("axis", 0L));
        b.Add("Reshape", ["x", "target"], ["y"]);
        Infer(b, "y").Should().Be("float[batch,12]");
    }

    [Fact]
    public void ShapeHonoursStartAndEnd()
    {
        var b = new OnnxModelBuilder(opset: 15).Input("x", "batch,3,4,5");
        b.Add("Shape", ["x"], ["s"], ("start", 1L), ("end", -1L));
        var result = ShapeInference.Infer(b.ToGraph());
        result["s"].ToString().Should().Be("int64[2]");
        result.FoldedOf("s")!.KnownValues().Should().Equal(3, 4);
    }

    [Theory]
    [InlineData(11L)]
    [InlineData(13L)]
    public void SqueezeAndUnsqueezeReadAxesFromAttributeOrInputByOpset(long opset)
    {
        var b = new OnnxModelBuilder(opset).Input("x", "batch,1,5");
        if (opset < 13)
        {
            b.Add("Squeeze", ["x"], ["sq"], ("axes", new long[] { 1 }));
            b.Add("Unsqueeze", ["x"], ["un"], ("axes", new long[] { 0, -1 }));
        }
        else
        {
            b.Ints("a1", 1).Ints("a2", 0, -1);
            b.Add("Squeeze", ["x", "a1"], ["sq"]);
            b.Add("Unsqueeze", ["x", "a2"], ["un"]);
        }

        Infer(b, "sq").Should().Be("float[batch,5]");
        Infer(b, "un").Should().Be("float[1,batch,1,5,1]");
    }

    [Fact]
    public void SqueezeWithoutAxesDropsKnownOnes()
    {
        var b = new OnnxModelBuilder().Input("x", "1,3,1,2").Input("z", "batch,1");
        b.Add("Squeeze", ["x"], ["y"]);
        b.Add("Squeeze", ["z"], ["w"]);
        Infer(b, "y").Should().Be("float[3,2]");
        Infer(b, "w").Should().Be("float[rank unknown]");
    }

    [Fact]
    public void TransposeFlattenAndConcat()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,3,4,5").Input("z", "batch,2,4,5");
        b.Add("Transpose", ["x"], ["t"], ("perm", new long[] { 0, 2, 3, 1 }));
        b.Add("Transpose", ["x"], ["r"]);
        b.Add("Flatten", ["x"], ["f"], ("axis", 2L));
        b.Add("Flatten", ["x"], ["f0"], ("axis", 0L));
        b.Add("Concat", ["x", "z"], ["c"], ("axis", 1L));
        Infer(b, "t").Should().Be("float[batch,4,5,3]");
        Infer(b, "r").Should().Be("float[5,4,3,batch]");
        Infer(b, "f").Should().Be("float[?,20]");
        Infer(b, "f0").Should().Be("float[1,?]");
        Infer(b, "c").Should().Be("float[batch,5,4,5]");
    }

    [Fact]
    public void FlattenOfAKnownPrefixTimesASymbolKeepsTheSymbol()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,1,8,8");
        b.Add("Flatten", ["x"], ["f"], ("axis", 2L));
        Infer(b, "f").Should().Be("float[batch,64]");
    }

    [Theory]
    [InlineData(13L, "float[batch,2,6]", "float[batch,4,6]")]
    [InlineData(11L, "float[batch,2,6]", "float[batch,4,6]")]
    public void SplitUsesSizesFromInputOrAttribute(long opset, string first, string second)
    {
        var b = new OnnxModelBuilder(opset).Input("x", "batch,6,6");
        if (opset >= 13)
        {
            b.Ints("split", 2, 4);
            b.Add("Split", ["x", "split"], ["a", "c"], ("axis", 1L));
        }
        else
        {
            b.Add("Split", ["x"], ["a", "c"], ("axis", 1L), ("split", new long[] { 2, 4 }));
        }

        Infer(b, "a").Should().Be(first);
        Infer(b, "c").Should().Be(second);
    }

    [Fact]
    public void SplitWithoutSizesDividesEvenlyWithASmallerLastChunk()
    {
        var b = new OnnxModelBuilder(18).Input("x", "7,batch");
        b.Add("Split", ["x"], ["a", "c", "d"], ("num_outputs", 3L));
        Infer(b, "a").Should().Be("float[3,batch]");
        Infer(b, "d").Should().Be("float[1,batch]");
    }

    [Theory]
    [InlineData(new long[] { 1 }, new long[] { -1 }, new long[] { 1 }, new long[] { 1 }, "float[batch,8,5]")]
    [InlineData(new long[] { -1 }, new long[] { long.MinValue }, new long[] { 1 }, new long[] { -2 }, "float[batch,5,5]")]
    [InlineData(new long[] { 0, 2 }, new long[] { 100, 4 }, new long[] { 2, 1 }, new long[] { 1, 1 }, "float[batch,2,5]")]
    public void SliceClampsLikeNumpy(long[] starts, long[] ends, long[] axes, long[] steps, string expected)
    {
        var b = new OnnxModelBuilder().Input("x", "batch,10,5").Ints("s", starts).Ints("e", ends).Ints("a", axes).Ints("p", steps);
        b.Add("Slice", ["x", "s", "e", "a", "p"], ["y"]);
        Infer(b, "y").Should().Be(expected);
    }

    [Fact]
    public void GatherReplacesTheAxisWithTheIndicesShape()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,10,5").Input("i", "2,3", TensorElementType.Int64).Ints("k", [], [1]);
        b.Add("Gather", ["x", "i"], ["y"], ("axis", 1L));
        b.Add("Gather", ["x", "k"], ["z"], ("axis", -1L));
        Infer(b, "y").Should().Be("float[batch,2,3,5]");
        Infer(b, "z").Should().Be("float[batch,10]");
    }

    [Theory]
    [InlineData(13L, 1L, "float[batch,1,1]")]
    [InlineData(13L, 0L, "float[batch]")]
    [InlineData(18L, 0L, "float[batch]")]
    public void ReductionsReadAxesByOpsetAndHonourKeepdims(long opset, long keep, string expected)
    {
        var b = new OnnxModelBuilder(opset).Input("x", "batch,4,5").Ints("axes", -1, 1);
        if (opset >= 18)
        {
            b.Add("ReduceMean", ["x", "axes"], ["y"], ("keepdims", keep));
        }
        else
        {
            b.Add("ReduceMean", ["x"], ["y"], ("axes", new long[] { -1, 1 }), ("keepdims", keep));
        }

        b.Add("ReduceSum", ["x", "axes"], ["s"], ("keepdims", keep));
        b.Add("ArgMax", ["x"], ["am"], ("axis", 1L), ("keepdims", 0L));
        Infer(b, "y").Should().Be(expected);
        Infer(b, "s").Should().Be(expected);
        Infer(b, "am").Should().Be("int64[batch,5]");
    }

    [Fact]
    public void ReduceWithoutAxesReducesEverythingUnlessNoop()
    {
        var b = new OnnxModelBuilder(18).Input("x", "batch,4");
        b.Add("ReduceMax", ["x"], ["all"], ("keepdims", 0L));
        b.Add("ReduceMax", ["x"], ["noop"], ("noop_with_empty_axes", 1L));
        Infer(b, "all").Should().Be("float[]");
        Infer(b, "noop").Should().Be("float[batch,4]");
    }

    [Fact]
    public void CastAndQuantizationSetElementTypes()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,3").Floats("scale", [], [0.1f]);
        b.Graph.Initializer.Add(new TensorProto { Name = "zp", DataType = (int)TensorElementType.Int8, RawData = Google.Protobuf.ByteString.CopyFrom(0) });
        b.Add("Cast", ["x"], ["h"], ("to", (long)TensorElementType.Float16));
        b.Add("QuantizeLinear", ["x", "scale", "zp"], ["q"]);
        b.Add("QuantizeLinear", ["x", "scale"], ["qu"]);
        b.Add("DequantizeLinear", ["q", "scale", "zp"], ["dq"]);
        Infer(b, "h").Should().Be("float16[batch,3]");
        Infer(b, "q").Should().Be("int8[batch,3]");
        Infer(b, "qu").Should().Be("uint8[batch,3]");
        Infer(b, "dq").Should().Be("float[batch,3]");
    }

    [Fact]
    public void ResizeUsesScalesOrSizes()
    {
        var b = new OnnxModelBuilder(13).Input("x", "batch,3,10,10").Floats("scales", [4], [1f, 1f, 2f, 1.5f]).Ints("sizes", 1, 3, 7, 9);
        b.Add("Resize", ["x", "", "scales"], ["up"], ("mode", "nearest"));
        b.Add("Resize", ["x", "", "", "sizes"], ["sz"]);
        Infer(b, "up").Should().Be("float[batch,3,20,15]");
        Infer(b, "sz").Should().Be("float[1,3,7,9]");
    }

    [Fact]
    public void ConstantNodesGiveTypeAndFoldedValue()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,12");
        b.Add("Constant", [], ["c"], ("value", EdgeSdk.Onnx.TensorProtoConverter.FromInt64("t", [0, 3, 4], 3)));
        b.Add("Reshape", ["x", "c"], ["y"]);
        b.Add("Constant", [], ["f"], ("value_float", 2f));
        Infer(b, "c").Should().Be("int64[3]");
        Infer(b, "y").Should().Be("float[batch,3,4]");
        Infer(b, "f").Should().Be("float[]");
    }

    [Fact]
    public void UnknownOperatorsAndTheirConsumersAreUnknownNotGuessed()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,3");
        b.Add("FancyCustomOp", ["x"], ["u"]);
        b.Add("Relu", ["u"], ["r"]);
        b.Node("Relu", ["x"], ["k"]).Domain = "com.example";
        var result = ShapeInference.Infer(b.ToGraph());
        result["u"].IsUnknown.Should().BeTrue();
        result["r"].IsUnknown.Should().BeTrue();
        result["k"].IsUnknown.Should().BeTrue();
        result["u"].ToString().Should().Be("unknown");
    }

    [Fact]
    public void DeclaredValueInfoFillsInWhereInferenceCannot()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,3");
        b.Add("FancyCustomOp", ["x"], ["u"]);
        b.Add("Relu", ["u"], ["r"]);
        b.Graph.ValueInfo.Add(new ValueInfoProto { Name = "u", Type = OnnxModelBuilder.TensorType(TensorElementType.Float, "batch,9") });
        Infer(b, "r").Should().Be("float[batch,9]");
    }

    [Fact]
    public void ExpandTileAndPadUseFoldedArguments()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,1,4").Ints("shape", 3, 1).Ints("reps", 1, 2, 3).Ints("pads", 0, 1, 0, 0, 2, 1);
        b.Add("Expand", ["x", "shape"], ["e"]);
        b.Add("Tile", ["x", "reps"], ["t"]);
        b.Add("Pad", ["x", "pads"], ["p"]);
        Infer(b, "e").Should().Be("float[batch,3,4]");
        Infer(b, "t").Should().Be("float[batch,2,12]");
        Infer(b, "p").Should().Be("float[batch,4,5]");
    }

    [Fact]
    public void MalformedAttributesGiveUnknownShapesInsteadOfCrashing()
    {
        var b = new OnnxModelBuilder().Input("x", "1,8,5,5").Weight("w", 8, 4, 3, 3).Input("e", "0").Ints("s", 0).Ints("en", 1).Ints("st", -1);
        b.Add("ConvTranspose", ["x", "w"], ["t"], ("strides", new long[] { 2 }), ("kernel_shape", new long[] { 3 }));
        b.Add("Transpose", ["x"], ["p"], ("perm", new long[] { 0, 0, 1, 2 }));
        b.Add("Slice", ["e", "s", "en", "s", "st"], ["z"]);
        b.Add("Concat", ["x", "x"], ["c"], ("axis", 9L));
        var result = ShapeInference.Infer(b.ToGraph());
        result["t"].ToString().Should().Be("float[1,4,?,?]");
        result["p"].ToString().Should().Be("float[rank unknown]");
        result["z"].ToString().Should().Be("float[0]");
        result["c"].ToString().Should().Be("float[rank unknown]");
    }

    [Fact]
    public void IfTakesWhatBothBranchesDeclare()
    {
        GraphProto Branch(string dims)
        {
            var g = new GraphProto { Name = "b" + dims };
            g.Node.Add(new NodeProto { OpType = "Identity", Input = { "x" }, Output = { "o" + dims } });
            g.Output.Add(new ValueInfoProto { Name = "o" + dims, Type = OnnxModelBuilder.TensorType(TensorElementType.Float, dims) });
            return g;
        }

        var b = new OnnxModelBuilder().Input("x", "batch,3").Input("c", "", TensorElementType.Bool);
        b.Add("If", ["c"], ["same"], ("then_branch", Branch("batch,3")), ("else_branch", Branch("batch,3")));
        b.Add("If", ["c"], ["differ"], ("then_branch", Branch("batch,3")), ("else_branch", Branch("batch,4")));
        Infer(b, "same").Should().Be("float[batch,3]");
        Infer(b, "differ").Should().Be("float[batch,?]");
    }

    [Theory]
    [InlineData("bhqd,bhkd->bhqk", "float[batch,4,8,6]")]
    [InlineData("...qd,...kd->...qk", "float[batch,4,8,6]")]
    [InlineData("bhqd,bhkd", "float[6,8]")]
    public void EinsumFollowsTheEquation(string equation, string expected)
    {
        var b = new OnnxModelBuilder().Input("q", "batch,4,8,16").Input("k", "batch,4,6,16");
        b.Add("Einsum", ["q", "k"], ["y"], ("equation", equation));
        Infer(b, "y").Should().Be(expected);
    }
}
