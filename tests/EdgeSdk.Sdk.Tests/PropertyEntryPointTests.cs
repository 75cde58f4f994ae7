// The three entry points of build properties — MSBuild's EdgeRecipeProperties, `edgesdk validate -p` and
// `edgesdk run -p` — share one parser, so they reject the same input with the same code: a property given
// twice is EDGE0021 (exit code 2 on the command line, never 1, which means a missed budget).
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class PropertyEntryPointTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        target: host
        model: ${ModelDir}/digits_cnn.onnx
        data:
          evaluation:
            inputs: data/test_x.npy
            labels: data/test_y.npy
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        passes:
          - fuse
        """;

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public void CommandLineRejectsAPropertyGivenTwiceWithExitCodeTwo(string command)
    {
        var dir = sdk.CreateDigitsProject("Props" + command, Recipe, string.Empty);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, command, Path.Combine(dir, "recipe.yaml"), "-p", "ModelDir=models", "-p", "modeldir=other");

        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0021: --property gives the property 'modeldir' twice ('ModelDir=models' and 'modeldir=other')");
        output.Should().NotContain("Unhandled exception");
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public void CommandLineRejectsAPropertyWithoutNameAndValue(string command)
    {
        var dir = sdk.CreateDigitsProject("Malformed" + command, Recipe, string.Empty);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, command, Path.Combine(dir, "recipe.yaml"), "-p", "ModelDir");

        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0020: --property 'ModelDir' must be written Name=Value");
    }

    [Fact]
    public void ValidateAcceptsTheSamePropertiesRunUses()
    {
        var dir = sdk.CreateDigitsProject("PropsOk", Recipe, string.Empty);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "validate", Path.Combine(dir, "recipe.yaml"), "-p", "ModelDir=models");

        code.Should().Be(0, output);
        output.Should().Contain("valid (1 pass(es)");
    }

    [Fact]
    public void RunWithoutAModelHasItsOwnCode()
    {
        var dir = sdk.CreateDigitsProject("NoModel", Recipe.Replace("model: ${ModelDir}/digits_cnn.onnx\n", string.Empty), string.Empty);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "run", Path.Combine(dir, "recipe.yaml"), "--out", Path.Combine(dir, "out"));

        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0022: The recipe names no model");
    }

    [Fact]
    public void MSBuildRejectsAPropertyGivenTwiceInEdgeRecipeProperties()
    {
        var dir = sdk.CreateDigitsProject("PropsBuild", Recipe.Replace("model: ${ModelDir}/digits_cnn.onnx\n", string.Empty));
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-p:EdgeRecipeProperties=A%3D1%3Ba%3D2");

        code.Should().NotBe(0, log);
        log.Should().Contain("error EDGE0021: EdgeRecipeProperties gives the property 'a' twice ('A=1' and 'a=2')");
        log.Should().Contain(Path.Combine(dir, "PropsBuild.csproj"));
    }
}
