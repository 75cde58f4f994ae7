// Every conversion of the opset upgrader, each on a one-node model at its old opset: ONNX Runtime runs the
// original and the upgraded model on the same random inputs and their outputs must agree; the upgraded model
// imports opset 13 and no longer uses the old form. Operators it cannot convert are named, and the model is
// then left unchanged.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.OpsetUpgrade;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Onnx.OpsetUpgrade;

public sealed class OpsetUpgraderTests
{
    public static TheoryData<string> Cases => new(CaseBuilders.Keys);

    private static readonly Dictionary<string, Func<OnnxModelBuilder>> CaseBuilders = new()
    {
        ["upsample7-nearest"] = () => One(7, "1,2,3,4", "Upsample", ("mode", "nearest"), ("scales", new[] { 1f, 1f, 2f, 3f })),
        ["upsample9-linear"] = () => With(new OnnxModelBuilder(9).Input("x", "1,2,3,4").Output("y").Floats("s", [4], [1, 1, 2, 2]), "Upsample", ["x", "s"], ["y"], ("mode", "linear")),
        ["resize10-nearest"] = () => With(new OnnxModelBuilder(10).Input("x", "1,2,3,4").Output("y").Floats("s", [4], [1, 1, 2, 1.5f]), "Resize", ["x", "s"], ["y"], ("mode", "nearest")),
        ["resize10-linear"] = () => With(new OnnxModelBuilder(10).Input("x", "1,2,3,4").Output("y").Floats("s", [4], [1, 1, 2, 2]), "Resize", ["x", "s"], ["y"], ("mode", "linear")),
        ["slice9"] = () => One(9, "3,4,5", "Slice", ("starts", new long[] { 1, 1 }), ("ends", new long[] { 3, 1000 }), ("axes", new long[] { 0, 2 })),
        ["slice9-no-axes"] = () => One(9, "3,4,5", "Slice", ("starts", new long[] { 0, 1 }), ("ends", new long[] { 2, -1 })),
        ["topk9"] = () => With(new OnnxModelBuilder(9).Input("x", "3,6").Output("v").Output("i", type: TensorElementType.Int64), "TopK", ["x"], ["v", "i"], ("k", 2L), ("axis", 1L)),
        ["clip9"] = () => One(9, "2,3,4", "Clip", ("min", -0.2f), ("max", 0.3f)),
        ["clip9-max-only"] = () => One(9, "2,3,4", "Clip", ("max", 0.1f)),
        ["pad9-constant"] = () => One(9, "1,2,3,3", "Pad", ("pads", new long[] { 0, 0, 1, 2, 0, 0, 2, 1 }), ("value", 0.5f)),
        ["pad9-reflect"] = () => One(9, "1,2,4,4", "Pad", ("pads", new long[] { 0, 0, 1, 2, 0, 0, 2, 1 }), ("mode", "reflect")),
        ["dropout9"] = () => With(new OnnxModelBuilder(9).Input("x", "2,3").Output("y"), "Dropout", ["x"], ["y", "unused_mask"], ("ratio", 0.3f)),
        ["dropout11"] = () => One(11, "2,3", "Dropout", ("ratio", 0.3f)),
        ["squeeze11"] = () => One(11, "2,1,3,1", "Squeeze", ("axes", new long[] { 1, -1 })),
        ["squeeze9-all"] = () => One(9, "2,1,3,1", "Squeeze"),
        ["unsqueeze9"] = () => One(9, "2,3", "Unsqueeze", ("axes", new long[] { 0, 3 })),
        ["split11"] = () => With(new OnnxModelBuilder(11).Input("x", "2,5").Output("a").Output("b"), "Split", ["x"], ["a", "b"], ("axis", 1L), ("split", new long[] { 2, 3 })),
        ["split9-equal"] = () => With(new OnnxModelBuilder(9).Input("x", "2,6").Output("a").Output("b"), "Split", ["x"], ["a", "b"], ("axis", 1L)),
        ["reducesum11"] = () => One(11, "2,3,4", "ReduceSum", ("axes", new long[] { 1 }), ("keepdims", 0L)),
        ["reducesum9-all"] = () => One(9, "2,3,4", "ReduceSum"),
        ["scatter9"] = () => With(new OnnxModelBuilder(9).Input("x", "3,3").Output("y").Ints("idx", [2, 2], [1, 0, 2, 2]).Floats("upd", [2, 2], [9, 8, 7, 6]), "Scatter", ["x", "idx", "upd"], ["y"], ("axis", 1L)),
        ["softmax11-axis1"] = () => One(11, "2,3,4", "Softmax", ("axis", 1L)),
        ["softmax9-default-axis"] = () => One(9, "2,3,4", "Softmax"),
        ["softmax11-last"] = () => One(11, "2,3,4", "Softmax", ("axis", 2L)),
        ["logsoftmax11-axis0"] = () => One(11, "2,3,4", "LogSoftmax", ("axis", 0L)),
        ["hardmax11-axis1"] = () => One(11, "2,3,4", "Hardmax", ("axis", 1L)),
        ["softmax11-unknown-rank"] = () => One(11, null, "Softmax", ("axis", 1L)),
        ["batchnorm7-spatial"] = () => With(new OnnxModelBuilder(7).Input("x", "1,2,3,3").Output("y").Floats("g", [2], [1, 2]).Floats("b", [2], [0.1f, -0.1f]).Floats("m", [2], [0.5f, 0]).Floats("v", [2], [1, 4]), "BatchNormalization", ["x", "g", "b", "m", "v"], ["y"], ("spatial", 1L)),
        ["conv-relu9-bump"] = () => With(new OnnxModelBuilder(9).Input("x", "1,2,5,5").Output("y").Floats("w", [3, 2, 3, 3], Enumerable.Range(0, 54).Select(i => (i % 7) * 0.1f - 0.3f).ToArray()), "Conv", ["x", "w"], ["y"], ("pads", new long[] { 1, 1, 1, 1 })),
    };

    private static readonly Dictionary<string, long[]> RunShapes = new() { ["softmax11-unknown-rank"] = [2, 3, 4] };

    [Theory]
    [MemberData(nameof(Cases))]
    public void UpgradedModelComputesWhatTheOriginalComputes(string name)
    {
        var builder = CaseBuilders[name]();
        var original = builder.Model.Clone();
        var oldOp = original.Graph.Node[^1].OpType;
        var graph = new ModelGraph(builder.Model);

        var result = OpsetUpgrader.Upgrade(graph);

        result.Unconvertible.Should().BeEmpty();
        result.Upgraded.Should().BeTrue();
        result.FromOpset.Should().Be(original.OpsetImport[0].Version);
        graph.OpsetVersion.Should().Be(13);
        graph.Model.IrVersion.Should().BeGreaterThanOrEqualTo(7);
        graph.Nodes.Should().NotContain(n => n.OpType == "Upsample" || n.OpType == "Scatter");
        if (oldOp is "Slice" or "TopK" or "Clip" or "Pad" or "Squeeze" or "Unsqueeze" or "Split" or "ReduceSum")
        {
            graph.Nodes.SelectMany(n => n.Attribute).Select(a => a.Name).Should().NotContain(["starts", "ends", "k", "min", "max", "pads", "value", "axes", "split"]);
        }

        var input = original.Graph.Input[0];
        var shape = RunShapes.GetValueOrDefault(name) ?? input.Type.TensorType.Shape.Dim.Select(d => d.DimValue).ToArray();
        for (var seed = 1; seed <= 3; seed++)
        {
            var x = RandomInput(shape, seed);
            var expected = RunModel(original, input.Name, x);
            var actual = RunModel(graph.Model, input.Name, x);
            actual.Keys.Should().BeEquivalentTo(expected.Keys.Where(k => k != "unused_mask"));
            foreach (var (output, value) in actual)
            {
                value.Shape.Should().Equal(expected[output].Shape, $"output '{output}'");
                MaxDifference(Values(value), Values(expected[output])).Should().BeLessThan(1e-5, $"output '{output}' of {name}");
            }
        }
    }

    [Theory]
    [InlineData("Softmax")]
    [InlineData("Hardmax")]
    public void ANonLastAxisKeepsTheOldCoercedTo2DMeaning(string op)
    {
        // Re-versioning alone would change the result: the opset 13 op normalizes over one axis, not over every axis from `axis` on.
        var original = One(11, "2,3,4", op, ("axis", 1L)).Model;
        var bumped = original.Clone();
        bumped.OpsetImport[0].Version = 13;
        var graph = new ModelGraph(original.Clone());
        OpsetUpgrader.Upgrade(graph).Converted.Should().ContainKey(op);
        graph.Nodes.Select(n => n.OpType).Should().Equal("Flatten", op, "Shape", "Reshape");

        var x = RandomInput([2, 3, 4], 5);
        var expected = Values(RunModel(original, "x", x)["y"]);
        Values(RunModel(bumped, "x", x)["y"]).Should().NotEqual(expected);
        MaxDifference(Values(RunModel(graph.Model, "x", x)["y"]), expected).Should().BeLessThan(1e-6);
    }

    [Fact]
    public void NodesInsideSubgraphsAreConvertedToo()
    {
        var then = new GraphProto { Name = "then" };
        var squeeze = new NodeProto { OpType = "Squeeze", Name = "inner" };
        squeeze.Input.Add("x");
        squeeze.Output.Add("t");
        squeeze.SetInts("axes", [1]);
        then.Node.Add(squeeze);
        then.Output.Add(new ValueInfoProto { Name = "t", Type = OnnxModelBuilder.TensorType(TensorElementType.Float, null) });
        var otherwise = then.Clone();
        otherwise.Name = "else";
        otherwise.Node[0].Name = "inner2";
        var b = new OnnxModelBuilder(11).Input("x", "2,1,3").Input("c", "", TensorElementType.Bool).Output("y");
        b.Add("If", ["c"], ["y"], ("then_branch", then), ("else_branch", otherwise));
        var original = b.Model.Clone();
        var graph = b.ToGraph();

        var result = OpsetUpgrader.Upgrade(graph);

        result.Converted["Squeeze"].Should().Be(2);
        var upgradedInner = graph.Nodes[0].Attribute.First(a => a.Name == "then_branch").G.Node[0];
        upgradedInner.Input.Should().HaveCount(2);
        upgradedInner.Attribute.Should().BeEmpty();
        var x = RandomInput([2, 1, 3], 2);
        var feeds = new Dictionary<string, Tensor> { ["x"] = x, ["c"] = Tensor.Create(TensorElementType.Bool, new[] { true }, []) };
        using var before = InferenceSession.FromModel(original);
        using var after = InferenceSession.FromModel(graph.Model);
        after.Run(feeds)["y"].AsFloat().Should().Equal(before.Run(feeds)["y"].AsFloat());
    }

    [Fact]
    public void AnOperatorWithoutConversionIsNamedAndTheModelIsLeftUnchanged()
    {
        var b = new OnnxModelBuilder(9).Input("x", "1,3,4,4").Output("y");
        b.Add("Clip", ["x"], ["c"], ("min", 0f));
        b.Node("ImageScaler", ["c"], ["y"], ("scale", 2f)).Name = "scaler";
        var before = b.Model.Clone();
        var graph = b.ToGraph();

        var result = OpsetUpgrader.Upgrade(graph);

        result.Upgraded.Should().BeFalse();
        result.Unconvertible.Should().ContainSingle().Which.Describe().Should().Contain("ImageScaler node 'scaler' (opset 9)").And.Contain("no conversion for 'ImageScaler'");
        graph.Model.Should().Be(before, "a refused upgrade changes nothing");
    }

    [Fact]
    public void OpsetsBelowSevenAreRefusedAndThirteenIsLeftAlone()
    {
        var old = new ModelGraph(One(6, "2,3", "Relu").Model);
        var refused = OpsetUpgrader.Upgrade(old);
        refused.Upgraded.Should().BeFalse();
        refused.Unconvertible.Single().Reason.Should().Contain("older than 7");
        old.OpsetVersion.Should().Be(6);

        var current = new ModelGraph(One(13, "2,3", "Relu").Model);
        var same = OpsetUpgrader.Upgrade(current);
        same.Upgraded.Should().BeFalse();
        same.Unconvertible.Should().BeEmpty();
    }

    [Fact]
    public void ADropoutWhoseMaskIsUsedBeforeOpsetTenIsRefused()
    {
        var b = new OnnxModelBuilder(9).Input("x", "2,3").Output("y").Output("mask");
        b.Add("Dropout", ["x"], ["y", "mask"]);
        OpsetUpgrader.Upgrade(b.ToGraph()).Unconvertible.Single().Reason.Should().Contain("mask");
    }

    private static OnnxModelBuilder One(long opset, string? shape, string op, params (string Name, object Value)[] attributes) =>
        With(new OnnxModelBuilder(opset).Input("x", shape).Output("y"), op, ["x"], ["y"], attributes);

    private static OnnxModelBuilder With(OnnxModelBuilder b, string op, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes)
    {
        b.Add(op, inputs, outputs, attributes);
        b.Model.IrVersion = b.Model.OpsetImport[0].Version < 9 ? 4 : 6;
        return b;
    }

    private static Tensor RandomInput(long[] shape, int seed)
    {
        var random = new Random(seed);
        return Tensor.FromFloat(Enumerable.Range(0, (int)Tensor.ElementCount(shape)).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray(), shape);
    }

    private static IReadOnlyDictionary<string, Tensor> RunModel(ModelProto model, string input, Tensor x)
    {
        using var session = InferenceSession.FromModel(model);
        return session.Run(new Dictionary<string, Tensor> { [input] = x });
    }

    private static double MaxDifference(double[] actual, double[] expected)
    {
        actual.Should().HaveSameCount(expected);
        return actual.Zip(expected).Select(p => Math.Abs(p.First - p.Second)).DefaultIfEmpty(0).Max();
    }

    private static double[] Values(Tensor t) => t.Data switch
    {
        float[] f => f.Select(v => (double)v).ToArray(),
        long[] l => l.Select(v => (double)v).ToArray(),
        _ => throw new InvalidOperationException(t.ElementType.ToString()),
    };
}
