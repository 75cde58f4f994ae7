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

    private static readonly (string, string)[] Files =
    [
        (TestPaths.Model("digits_cnn"), "models/digits_cnn.onnx"),
        (TestPaths.Data("digits", "test_x.npy"), "data/test_x.npy"),
        (TestPaths.Data("digits", "test_y.npy"), "data/test_y.npy"),
    ];

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    public void CommandLineRejectsAPropertyGivenTwiceWithExitCodeTwo(string command)
    {
        var dir = sdk.CreateProject("Props" + command, Recipe, string.Empty, Files);
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
        var dir = sdk.CreateProject("Malformed" + command, Recipe, string.Empty, Files);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, command, Path.Combine(dir, "recipe.yaml"), "-p", "ModelDir");

        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0020: --property 'ModelDir' must be written Name=Value");
    }

    [Fact]
    public void ValidateAcceptsTheSamePropertiesRunUses()
    {
        var dir = sdk.CreateProject("PropsOk", Recipe, string.Empty, Files);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "validate", Path.Combine(dir, "recipe.yaml"), "-p", "ModelDir=models");

        code.Should().Be(0, output);
        output.Should().Contain("valid (1 pass(es)");
    }

    [Fact]
    public void RunWithoutAModelHasItsOwnCode()
    {
        var dir = sdk.CreateProject("NoModel", Recipe.Replace("model: ${ModelDir}/digits_cnn.onnx\n", string.Empty), string.Empty, Files);
        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "run", Path.Combine(dir, "recipe.yaml"), "--out", Path.Combine(dir, "out"));

        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0022: The recipe names no model");
    }

    [Fact]
    public void MSBuildRejectsAPropertyGivenTwiceInEdgeRecipeProperties()
    {
        var dir = sdk.CreateProject("PropsBuild", Recipe.Replace("model: ${ModelDir}/digits_cnn.onnx\n", string.Empty), """<EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />""", Files);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-p:EdgeRecipeProperties=A%3D1%3Ba%3D2");

        code.Should().NotBe(0, log);
        log.Should().Contain("error EDGE0021: EdgeRecipeProperties gives the property 'a' twice ('A=1' and 'a=2')");
        log.Should().Contain(Path.Combine(dir, "PropsBuild.csproj"));
    }
}
