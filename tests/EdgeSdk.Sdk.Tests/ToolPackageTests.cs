// The `edgesdk` .NET tool as a user gets it: installed from the packed EdgeSdk.Cli package into a private
// tool path, then run from a folder outside the repository with no environment variable set. It must know
// the stock targets and recipes it carries, and run a recipe that extends a stock recipe end to end.
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class ToolPackageTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        extends: cnn-int8-cpu
        model: models/digits_cnn.onnx
        target: x86-avx2
        data:
          calibration: {inputs: data/train_x.npy, samples: 100}
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        """;

    [Fact]
    public void InstalledToolKnowsTheStockTargetsAndRecipesAndRunsARecipeThatExtendsOne()
    {
        var tool = sdk.InstalledTool();
        var dir = sdk.CreateProject("ToolUse", Recipe, string.Empty, SdkPackageFixture.DigitsFiles(withTraining: true));

        var (code, output) = SdkPackageFixture.Exec(tool, dir, "--version");
        code.Should().Be(0, output);
        output.Should().Contain($"edgesdk {sdk.Version}").And.Contain($"engine {sdk.Version}").And.MatchRegex(@"ONNX Runtime \d+\.\d+\.\d+ \(");

        (code, output) = SdkPackageFixture.Exec(tool, dir, "targets");
        code.Should().Be(0, output);
        output.Should().Contain("x86-avx2").And.Contain("rpi5").And.Contain("stm32h7").And.Contain("host");

        (code, output) = SdkPackageFixture.Exec(tool, dir, "targets", "x86-avx2");
        code.Should().Be(0, output);
        output.Should().NotContain("Unknown target");

        (code, output) = SdkPackageFixture.Exec(tool, dir, "validate", "recipe.yaml");
        code.Should().Be(0, output);
        output.Should().Contain("valid (2 pass(es), 2 budget(s), target x86-avx2)", "the fuse and quantize passes and both budgets come from cnn-int8-cpu");

        File.WriteAllText(Path.Combine(dir, "typo.yaml"), Recipe.Replace("cnn-int8-cpu", "cnn-int8-cpv"));
        (code, output) = SdkPackageFixture.Exec(tool, dir, "validate", "typo.yaml");
        code.Should().NotBe(0, output);
        output.Should().Contain("error EDGE1").And.Contain("Did you mean 'cnn-int8-cpu'?").And.NotContain("Unhandled exception");

        (code, output) = SdkPackageFixture.Exec(tool, dir, "run", "recipe.yaml", "--out", "out");
        code.Should().Be(0, output);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "digits_cnn", "manifest.json")));
        manifest.RootElement.GetProperty("passes").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("fuse", "quantize");
        manifest.RootElement.GetProperty("final").GetProperty("metrics").GetProperty("accuracy").GetDouble().Should().BeGreaterThan(0.98);
        new FileInfo(Path.Combine(dir, "out", "digits_cnn", "model.onnx")).Length.Should().BeLessThan(new FileInfo(Path.Combine(dir, "models", "digits_cnn.onnx")).Length / 2, "int8 weights are a quarter of float32");
    }
}
