// A model below opset 13 is quantized per channel after the automatic opset upgrade (instead of the old
// EDGE2102 refusal): the pass's summary and an EDGE2112 info say from which opset and how the outputs compared
// in ONNX Runtime; a model the upgrader cannot convert is refused naming the operator and the opset.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Engine.Tests.Quantization;

public sealed class OpsetUpgradeQuantizeTests
{
    private static ModelGraph AtOpset(ModelGraph model, long opset)
    {
        var copy = model.Clone();
        copy.Model.OpsetImport.Single(o => o.Domain.Length == 0).Version = opset;
        foreach (var pool in copy.Nodes.Where(n => n.OpType == "MaxPool" && opset < 10))
        {
            pool.RemoveAttribute("ceil_mode"); // MaxPool-10 added it (PyTorch writes the default 0)
        }

        return copy;
    }

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void StaticQuantizeUpgradesAnOldOpsetAndQuantizesPerChannel(long opset)
    {
        var model = AtOpset(QuantizationTestKit.Fused("digits_cnn"), opset);
        var diagnostics = new List<EdgeDiagnostic>();

        var result = QuantizationTestKit.Quantize(model, "digits", QuantizationTestKit.Parameters(("mode", "static")), diagnostics: diagnostics);

        result.Model.OpsetVersion.Should().BeGreaterThanOrEqualTo(13);
        var weightDequantizers = result.Model.Nodes.Where(n => n.OpType == "DequantizeLinear" && result.Model.GetInitializer(n.Input[0])?.DataType == (int)TensorProto.Types.DataType.Int8).ToList();
        weightDequantizers.Should().HaveCountGreaterThan(2);
        weightDequantizers.Where(n => result.Model.GetInitializer(n.Input[1])!.Dims.Count == 1 && result.Model.GetInitializer(n.Input[1])!.Dims[0] > 1).Should().NotBeEmpty("Conv weights get one scale per output channel");
        var line = result.Summary.Should().ContainSingle(s => s.Contains("upgraded the model from opset", StringComparison.Ordinal)).Subject;
        line.Should().Contain($"from opset {opset} to 13").And.Contain("outputs match the original in ONNX Runtime on 3 input set(s)", string.Join(" | ", diagnostics.Select(d => d.Message)));
        diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Quantization.OpsetUpgraded.Code);
    }

    [Fact]
    public void AnOperatorTheUpgraderCannotConvertIsRefusedByName()
    {
        var model = AtOpset(QuantizationTestKit.Fused("digits_cnn"), 9);
        var scaler = new NodeProto { OpType = "ImageScaler", Name = "legacy_scaler" };
        scaler.Input.Add(model.Graph.Input[0].Name);
        scaler.Output.Add("scaled");
        scaler.SetFloat("scale", 1f);
        foreach (var node in model.Nodes.Where(n => n.Input.Contains(model.Graph.Input[0].Name)))
        {
            node.Input[node.Input.IndexOf(model.Graph.Input[0].Name)] = "scaled";
        }

        model.InsertNode(0, scaler);

        var act = () => QuantizationTestKit.Quantize(model, "digits", QuantizationTestKit.Parameters(("mode", "static")));

        act.Should().Throw<EdgeException>().Which.Diagnostics.Single().Should().Match<EdgeDiagnostic>(d =>
            d.Code == DiagnosticCatalog.Quantization.OpsetTooOld.Code && d.Message.Contains("ImageScaler node 'legacy_scaler' (opset 9)") && d.Message.Contains("re-export the model with opset 13+"));
    }
}
