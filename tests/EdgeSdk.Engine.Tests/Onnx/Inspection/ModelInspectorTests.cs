using System.Text.Json;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Inspection;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx.Inspection;

public class ModelInspectorTests
{
    private static string SmallModel()
    {
        var b = new OnnxModelBuilder(opset: 17).Input("x", "batch,4").Weight("w", 4, 3).Weight("bias", 3).Output("y", "batch,3");
        b.Model.ProducerName = "unit";
        b.Model.ProducerVersion = "1.0";
        b.Node("Gemm", ["x", "w", "bias"], ["h"]).Name = "fc";
        b.Node("Relu", ["h"], ["y"]).Name = "act";
        var path = Path.Combine(TestPaths.NewTempDir(), "small.onnx");
        ModelFile.Save(b.Model, path);
        return path;
    }

    [Fact]
    public void TextReportListsIoOpsParametersAndShapes()
    {
        var path = SmallModel();
        var size = new FileInfo(path).Length;
        var text = ModelInspectionText.Render(ModelInspector.Inspect(path, withShapes: true));
        text.Should().Be(
            $"Model:       {path}\n" +
            $"File size:   {size} bytes ({size} B)\n" +
            "IR version:  8\n" +
            "Producer:    unit 1.0\n" +
            "Opsets:      ai.onnx 17\n" +
            "Inputs:\n" +
            "  x  float[batch,4]\n" +
            "Outputs:\n" +
            "  y  float[batch,3]\n" +
            "Nodes:       2\n" +
            "Parameters:  15 (60 B)\n" +
            "Operators:\n" +
            "  Gemm     1\n" +
            "  Relu     1\n" +
            "Values:\n" +
            "  x  float[batch,4]\n" +
            "  h  float[batch,3]  (Gemm)\n" +
            "  y  float[batch,3]  (Relu)\n");
    }

    [Fact]
    public void FixtureParameterCountMatchesTheLayerSizes()
    {
        var m = ModelInspector.Inspect(TestPaths.Model("digits_mlp"), withShapes: false);
        m.ParameterCount.Should().Be((64 * 256) + 256 + (256 * 128) + 128 + (128 * 10) + 10);
        m.ParameterBytes.Should().Be(m.ParameterCount * 4);
        m.OpCounts.Should().Equal(("Flatten", 1), ("Gemm", 3), ("Relu", 2));
        m.Inputs.Single().Type.ToString().Should().Be("float[batch,1,8,8]");
        m.Values.Should().BeNull();
    }

    [Fact]
    public void JsonHasAStableKeyOrderAndTypedDims()
    {
        var json = ModelInspectionJson.Render(ModelInspector.Inspect(SmallModel(), withShapes: true));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "path", "fileSizeBytes", "externalDataBytes", "irVersion", "producerName", "producerVersion", "opsets", "inputs", "outputs", "nodeCount", "opCounts", "parameterCount", "parameterBytes", "values");
        var input = root.GetProperty("inputs")[0];
        input.GetProperty("elementType").GetString().Should().Be("float");
        input.GetProperty("shape")[0].GetString().Should().Be("batch");
        input.GetProperty("shape")[1].GetInt64().Should().Be(4);
        root.GetProperty("opCounts").GetProperty("Gemm").GetInt32().Should().Be(1);
        root.GetProperty("parameterCount").GetInt64().Should().Be(15);
        root.GetProperty("values")[1].GetProperty("producer").GetString().Should().Be("Gemm");
        ModelInspectionJson.Render(ModelInspector.Inspect(SmallModel(), withShapes: true)).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void JsonWritesUnknownDimsAsNullAndUnknownRankAsNull()
    {
        var b = new OnnxModelBuilder().Input("x", "?,3").Output("y", (string?)null);
        b.Node("Mystery", ["x"], ["y"]).Domain = "com.example";
        b.Model.OpsetImport.Add(new EdgeSdk.Onnx.Proto.OperatorSetIdProto { Domain = "com.example", Version = 1 });
        var path = Path.Combine(TestPaths.NewTempDir(), "m.onnx");
        ModelFile.Save(b.Model, path);
        using var doc = JsonDocument.Parse(ModelInspectionJson.Render(ModelInspector.Inspect(path, withShapes: true)));
        doc.RootElement.GetProperty("inputs")[0].GetProperty("shape")[0].ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("outputs")[0].GetProperty("shape").ValueKind.Should().Be(JsonValueKind.Null);
        doc.RootElement.GetProperty("opCounts").GetProperty("com.example.Mystery").GetInt32().Should().Be(1);
        doc.RootElement.GetProperty("opsets").EnumerateArray().Select(o => o.GetProperty("domain").GetString()).Should().Equal("ai.onnx", "com.example");
    }

    [Fact]
    public void ExternalDataIsCountedInTheSize()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "ext.onnx");
        ModelFile.Save(ModelFile.Load(TestPaths.Model("digits_mlp")), path, new ModelSaveOptions { ExternalDataThreshold = 1024 });
        var m = ModelInspector.Inspect(path, withShapes: false);
        m.ExternalDataBytes.Should().Be(new FileInfo(Path.Combine(dir, "ext.onnx.data")).Length).And.BeGreaterThan(200_000);
        m.ParameterCount.Should().Be(50826);
        ModelInspectionText.Render(m).Should().Contain(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"+ {m.ExternalDataBytes:N0} bytes of external data"));
    }

    [Fact]
    public void WeightsInConstantNodesCountAsParameters()
    {
        // As paddle2onnx exports PP-OCR: every weight is a Constant node, there is no initializer at all.
        var b = new OnnxModelBuilder(opset: 13).Input("x", "1,3,8,8").Output("y", "1,10");
        b.Node("Constant", [], ["conv_w"], ("value", TensorProtoConverter.FromFloat("conv_w", new float[4 * 3 * 3 * 3], [4, 3, 3, 3])));
        b.Node("Constant", [], ["conv_b"], ("value", TensorProtoConverter.FromFloat("conv_b", new float[4], [4])));
        b.Node("Conv", ["x", "conv_w", "conv_b"], ["c"], ("pads", new long[] { 1, 1, 1, 1 }));
        b.Node("Constant", [], ["shape"], ("value", TensorProtoConverter.FromInt64("shape", [1, 256], [2])));
        b.Node("Reshape", ["c", "shape"], ["flat"]);
        b.Node("Constant", [], ["fc_w"], ("value", TensorProtoConverter.FromFloat("fc_w", new float[256 * 10], [256, 10])));
        var bias = b.Node("Constant", [], ["fc_b"]);
        bias.Attribute.Add(new EdgeSdk.Onnx.Proto.AttributeProto { Name = "value_floats", Type = EdgeSdk.Onnx.Proto.AttributeProto.Types.AttributeType.Floats, Floats = { new float[10] } });
        b.Node("Gemm", ["flat", "fc_w", "fc_b"], ["y"]);
        b.Graph.Initializer.Should().BeEmpty();
        var path = Path.Combine(TestPaths.NewTempDir(), "paddle_style.onnx");
        ModelFile.Save(b.Model, path);

        var m = ModelInspector.Inspect(path, withShapes: false);
        var weights = (4 * 3 * 3 * 3) + 4 + (256 * 10) + 10;
        m.ParameterCount.Should().Be(weights, "the int64 shape constant is not a parameter");
        m.ParameterBytes.Should().Be(weights * 4);
        ModelInspectionText.Render(m).Should().Contain($"Parameters:  {weights:N0} (");
    }
}
