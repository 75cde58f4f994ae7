// Two EdgeModel items with one output name (a/model.onnx and b/model.onnx, or one model listed twice with two
// recipes) used to share obj/…/edge/model/ and bin/…/edge/model/ and publish one model under the other's
// manifest. A real `dotnet build` now refuses each clashing item with EDGE0032 at its line in the project,
// builds none of them, and still builds the items whose names are distinct.
using System.Security.Cryptography;
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class OutputNameBuildTests(SdkPackageFixture sdk)
{
    /// <summary>A recipe that builds in a few seconds: one cheap pass, a short evaluation.</summary>
    internal const string QuickRecipe = """
        recipe: 1
        target: host
        data:
          evaluation:
            inputs: data/test_x.npy
            labels: data/test_y.npy
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - size: {max: 10 MB}
        passes:
          - fuse
        """;

    /// <summary>The files <see cref="QuickRecipe"/> reads.</summary>
    internal static readonly (string, string)[] QuickData =
    [
        (TestPaths.Data("digits", "test_x.npy"), "data/test_x.npy"),
        (TestPaths.Data("digits", "test_y.npy"), "data/test_y.npy"),
    ];

    [Fact]
    public void ItemsSharingAnOutputNameFailWithALocatedErrorAndTheOthersStillBuild()
    {
        var dir = sdk.CreateProject("OutputNames", QuickRecipe, """
            <EdgeModel Include="models/a/model.onnx" Recipe="recipe.yaml" />
                <EdgeModel Include="models/b/model.onnx" Recipe="recipe.yaml" />
                <EdgeModel Include="models/c.onnx" Recipe="recipe.yaml" />
                <EdgeModel Include="models/c.onnx" Recipe="other.yaml" />
                <EdgeModel Include="models/b/model.onnx" Recipe="recipe.yaml" OutputName="b-model" />
                <EdgeModel Include="models/c.onnx" Recipe="recipe.yaml" OutputName="../escape" />
            """,
            [(TestPaths.Model("digits_cnn"), "models/a/model.onnx"), (TestPaths.Model("digits_cnn_folded"), "models/b/model.onnx"), (TestPaths.Model("digits_cnn"), "models/c.onnx"), .. QuickData]);
        File.WriteAllText(Path.Combine(dir, "other.yaml"), QuickRecipe);

        var (code, log) = SdkPackageFixture.Dotnet(dir, "build");

        code.Should().NotBe(0, log);
        var project = Path.Combine(dir, "OutputNames.csproj");
        log.Should().Contain($"{project}(3,24): error EDGE0032: EdgeModel 'models/a/model.onnx' has the same output name as 'models/b/model.onnx'")
            .And.Contain($"{project}(4,24): error EDGE0032: EdgeModel 'models/b/model.onnx' has the same output name as 'models/a/model.onnx'")
            .And.Contain($"{project}(5,24): error EDGE0032: EdgeModel 'models/c.onnx' lists the same model as 'models/c.onnx'")
            .And.Contain($"{project}(6,24): error EDGE0032: EdgeModel 'models/c.onnx' lists the same model as 'models/c.onnx'")
            .And.Contain("OutputName=\"a-model\"")
            .And.Contain("error EDGE0033: EdgeModel 'models/c.onnx' has OutputName '../escape'");
        log.Should().NotContain("MSB4018").And.NotContain("   at ");

        var edge = Path.Combine(dir, "bin", "Debug", "net10.0", "edge");
        Directory.Exists(Path.Combine(edge, "model")).Should().BeFalse("no clashing item may publish");
        Directory.Exists(Path.Combine(edge, "c")).Should().BeFalse();
        Directory.Exists(Path.Combine(dir, "obj", "Debug", "net10.0", "edge", "model")).Should().BeFalse("no clashing item may plan into the shared work folder");
        Directory.Exists(Path.Combine(dir, "escape")).Should().BeFalse();

        // The distinct item built, and its manifest names its own input.
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(edge, "b-model", "manifest.json")));
        var input = manifest.RootElement.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("role").GetString() == "model");
        input.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, "models", "b", "model.onnx")))));
    }
}
