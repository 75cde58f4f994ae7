using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Checking;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx.Checking;

public class ModelCheckerTests
{
    private static OnnxModelBuilder Valid()
    {
        var b = new OnnxModelBuilder().Input("x", "batch,4").Weight("w", 4, 3).Output("y");
        b.Node("MatMul", ["x", "w"], ["h"]).Name = "mm";
        b.Node("Relu", ["h"], ["y"]).Name = "act";
        return b;
    }

    [Theory]
    [InlineData("digits_mlp")]
    [InlineData("digits_cnn")]
    [InlineData("digits_transformer")]
    [InlineData("digits32_mobilenet")]
    [InlineData("breast_cancer_mlp")]
    public void FixtureModelsAreClean(string name)
    {
        ModelChecker.Check(ModelFile.Load(TestPaths.Model(name))).Should().BeEmpty();
    }

    [Fact]
    public void ABuiltValidModelIsClean() => ModelChecker.Check(Valid().Model).Should().BeEmpty();

    [Fact]
    public void DanglingInputNamesTheNodeItsOpTypeAndIndex()
    {
        var b = Valid();
        b.Node("Add", ["y", "nowhere"], ["z"]).Name = "adder";
        var d = ModelChecker.Check(b.Model, "m.onnx").Should().ContainSingle().Subject;
        d.Code.Should().Be("EDGE4012");
        d.Severity.Should().Be(DiagnosticSeverity.Error);
        d.Message.Should().Contain("Node 'adder' (Add, #2)").And.Contain("'nowhere'");
        d.ToString().Should().StartWith("m.onnx: error EDGE4012: Node 'adder' (Add, #2) reads 'nowhere'");
    }

    [Fact]
    public void CycleIsReportedWithItsMembers()
    {
        var b = new OnnxModelBuilder().Input("x", "4").Output("c");
        b.Node("Add", ["x", "c"], ["a"]).Name = "first";
        b.Node("Relu", ["a"], ["b"]).Name = "second";
        b.Node("Neg", ["b"], ["c"]).Name = "third";
        var d = ModelChecker.Check(b.Model).Should().ContainSingle().Subject;
        d.Code.Should().Be("EDGE4013");
        d.Message.Should().Contain("node 'first' (Add, #0)").And.Contain("node 'second' (Relu, #1)").And.Contain("node 'third' (Neg, #2)");
    }

    [Fact]
    public void UnsortedButAcyclicGraphIsAWarning()
    {
        var b = new OnnxModelBuilder().Input("x", "4").Output("b");
        b.Node("Relu", ["a"], ["b"]).Name = "late";
        b.Node("Neg", ["x"], ["a"]).Name = "early";
        var d = ModelChecker.Check(b.Model).Should().ContainSingle().Subject;
        d.Code.Should().Be("EDGE4019");
        d.Severity.Should().Be(DiagnosticSeverity.Warning);
    }

    [Fact]
    public void TwoProducersOfOneValueAreADuplicate()
    {
        var b = Valid();
        b.Node("Neg", ["x"], ["h"]).Name = "again";
        var d = ModelChecker.Check(b.Model).Should().ContainSingle().Subject;
        d.Code.Should().Be("EDGE4014");
        d.Message.Should().Contain("Node 'again' (Neg, #2) produces 'h'").And.Contain("node 'mm' (MatMul, #0)");
    }

    [Fact]
    public void AnInitializerOverwrittenByANodeIsADuplicate()
    {
        var b = Valid();
        b.Node("Neg", ["x"], ["w"]).Name = "shadow";
        var found = ModelChecker.Check(b.Model);
        found.Where(d => d.Severity == DiagnosticSeverity.Error).Should().ContainSingle().Which.Message.Should().Contain("'w', which is already defined by an initializer");
    }

    [Fact]
    public void DomainNotImportedAndOperatorNewerThanOpsetAreOpsetGaps()
    {
        var b = new OnnxModelBuilder(opset: 13).Input("x", "4").Weight("s", 4).Output("z");
        b.Node("LayerNormalization", ["x", "s"], ["y"]).Name = "ln";
        var custom = b.Node("Fancy", ["y"], ["z"]);
        custom.Name = "fancy";
        custom.Domain = "com.example";
        var found = ModelChecker.Check(b.Model);
        found.Select(d => d.Code).Should().BeEquivalentTo(["EDGE4016", "EDGE4015"]);
        found.Single(d => d.Code == "EDGE4016").Message.Should().Contain("Node 'ln' (LayerNormalization, #0)").And.Contain("opset 17").And.Contain("opset 13");
        found.Single(d => d.Code == "EDGE4015").Message.Should().Contain("com.example");
    }

    [Fact]
    public void MissingIrVersionAndOpsetAreErrors()
    {
        var b = Valid();
        b.Model.IrVersion = 0;
        b.Model.OpsetImport.Clear();
        var found = ModelChecker.Check(b.Model);
        found.Select(d => d.Code).Should().Contain(["EDGE4010", "EDGE4011"]);
        ModelChecker.HasErrors(found).Should().BeTrue();
    }

    [Fact]
    public void TooNewVersionsAreErrorsBecauseOnnxRuntimeRefusesThem()
    {
        var b = Valid();
        b.Model.IrVersion = 14;
        b.Model.OpsetImport[0].Version = 27;
        var found = ModelChecker.Check(b.Model);
        found.Should().HaveCount(2).And.OnlyContain(d => d.Code == "EDGE4017" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void SubgraphsMayReadOuterValuesButNotUndefinedOnes()
    {
        var b = Valid();
        var then = new GraphProto { Name = "then" };
        then.Node.Add(new NodeProto { OpType = "Neg", Name = "inner", Input = { "h" }, Output = { "t" } });
        then.Node.Add(new NodeProto { OpType = "Neg", Name = "broken", Input = { "ghost" }, Output = { "u" } });
        then.Output.Add(new ValueInfoProto { Name = "t" });
        b.Input("cond", "", EdgeSdk.Tensors.TensorElementType.Bool);
        b.Add("If", ["cond"], ["r"], ("then_branch", then), ("else_branch", then.Clone()));
        var found = ModelChecker.Check(b.Model);
        found.Should().HaveCount(2).And.OnlyContain(d => d.Code == "EDGE4012" && d.Message.Contains("Node 'broken' (Neg, #1 in graph 'then'"));
    }

    [Fact]
    public void AttributesWithoutTypeOrSetTwiceAreReported()
    {
        var b = Valid();
        b.Graph.Node[1].Attribute.Add(new AttributeProto { Name = "alpha", F = 1f });
        b.Graph.Node[0].Attribute.Add(new AttributeProto { Name = "k", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        b.Graph.Node[0].Attribute.Add(new AttributeProto { Name = "k", Type = AttributeProto.Types.AttributeType.Int, I = 2 });
        var found = ModelChecker.Check(b.Model);
        found.Should().HaveCount(2).And.OnlyContain(d => d.Code == "EDGE4021");
        found.Select(d => d.Message).Should().Contain(m => m.Contains("Node 'act' (Relu, #1) has the attribute 'alpha' without a type"))
            .And.Contain(m => m.Contains("Node 'mm' (MatMul, #0) sets the attribute 'k' twice"));
    }

    [Fact]
    public void GraphOutputNobodyProducesIsReported()
    {
        var b = Valid().Output("missing");
        ModelChecker.Check(b.Model).Should().ContainSingle().Which.Code.Should().Be("EDGE4018");
    }

    [Fact]
    public void ExternalDataLeavingTheFolderIsReportedWithoutReading()
    {
        var b = Valid();
        var w = b.Graph.Initializer[0];
        w.RawData = Google.Protobuf.ByteString.Empty;
        w.DataLocation = TensorProto.Types.DataLocation.External;
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "../secret.bin" });
        ModelChecker.Check(b.Model).Should().ContainSingle().Which.Code.Should().Be("EDGE4030");
    }
}

public class ModelCheckRunTests
{
    [Fact]
    public void CleanModelExitsZeroAndSaysSo()
    {
        var output = new StringWriter();
        var path = TestPaths.Model("digits_cnn");
        ModelCheckRun.Run(path, output).Should().Be(0);
        output.ToString().Should().Be($"{path}: no problems found.{Environment.NewLine}");
    }

    [Fact]
    public void ModelWithErrorsExitsOneAndPrintsCanonicalLines()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.onnx");
        var b = new OnnxModelBuilder().Input("x", "4").Output("y");
        b.Node("Add", ["x", "ghost"], ["y"]).Name = "add0";
        b.Model.IrVersion = 0;
        File.WriteAllBytes(path, ModelFile.ToBytes(b.Model));
        var output = new StringWriter();
        ModelCheckRun.Run(path, output).Should().Be(1);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            $"{path}: error EDGE4010: The model has no ir_version (it is required). Re-export the model or set ir_version (for example 8 for opset 17, 10 for opset 21).",
            $"{path}: error EDGE4012: Node 'add0' (Add, #0) reads 'ghost', which no node, graph input or initializer provides. Connect it to a producer, add it as a graph input or initializer, or remove the node.",
            $"{path}: 2 error(s), 0 warning(s).");
    }

    [Fact]
    public void UnreadableFileIsAnEdgeException()
    {
        var act = () => ModelCheckRun.Run(Path.Combine(TestPaths.NewTempDir(), "none.onnx"), new StringWriter());
        act.Should().Throw<EdgeException>().Which.Diagnostics[0].Code.Should().Be("EDGE0002");
    }
}
