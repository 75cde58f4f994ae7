// `edgesdk inspect model.ort` names the ORT format and lists what ONNX Runtime reads from the file, instead
// of the ONNX reader's "Protocol message contained an invalid tag".
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class CliInspectOrtTests
{
    [Fact]
    public void InspectNamesAnOrtFileAndListsItsInputsAndOutputs()
    {
        var dir = TestPaths.NewTempDir();
        var onnx = Path.Combine(dir, "model.onnx");
        File.Copy(TestPaths.Model("digits_cnn"), onnx);
        var ort = Path.Combine(dir, "model.ort");
        EdgeSdk.Pipeline.OrtFormatWriter.Write(onnx, ort);
        EdgeSdk.Onnx.Inspection.OrtFormat.IsOrtFormat(ort).Should().BeTrue();
        EdgeSdk.Onnx.Inspection.OrtFormat.IsOrtFormat(onnx).Should().BeFalse();

        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "inspect", ort);
        code.Should().Be(0, output);
        output.Should().Contain("ONNX Runtime ORT format").And.Contain("input: Float[batch,1,8,8]").And.Contain("logits: Float[batch,10]");
        output.Should().Contain($"edgesdk inspect {onnx}").And.NotContain("invalid tag");

        (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "inspect", ort, "--json");
        code.Should().Be(0, output);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("format").GetString().Should().Be("ort");
        json.RootElement.GetProperty("inputs")[0].GetProperty("type").GetString().Should().Be("Float[batch,1,8,8]");
    }
}
