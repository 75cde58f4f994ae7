// `edgesdk run` runs the same pipeline without MSBuild: same artifacts, a step cache, --model overriding
// the recipe's model, paths resolved against the recipe's folder, exit codes for CI.
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class CliRunTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        model: models/missing.onnx
        target: host
        data:
          evaluation:
            inputs: data/test_x.npy
            labels: data/test_y.npy
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 2, runs: 20, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 0.1 points}
        passes:
          - fuse
        """;

    /// <summary>Gets the built edgesdk.dll in the same configuration as this test assembly.</summary>
    public static string EdgeSdkCli
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(TestPaths.RepoRoot, "tasks", "EdgeSdk.Cli", "bin", configuration, "net10.0", "edgesdk.dll");
        }
    }

    [Fact]
    public void RunWritesTheSameArtifactsAndCachesSteps()
    {
        var dir = sdk.CreateDigitsProject("Cli", Recipe, string.Empty);
        var outDir = Path.Combine(dir, "out");

        // Run from another folder: the recipe's relative data paths resolve against the recipe's folder.
        var (code, output) = SdkPackageFixture.Dotnet(sdk.Root, EdgeSdkCli, "run", Path.Combine(dir, "recipe.yaml"), "--model", Path.Combine(dir, "models", "digits_cnn.onnx"), "--out", outDir);
        code.Should().Be(0, output);
        output.Should().Contain("steps run: 1;");
        var modelDir = Path.Combine(outDir, "digits_cnn");
        Directory.GetFiles(modelDir).Select(Path.GetFileName).Should().BeEquivalentTo(["model.onnx", "model.ort", "report.md", "report.html", "manifest.json"]);
        var first = File.ReadAllBytes(Path.Combine(modelDir, "model.onnx"));
        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(modelDir, "manifest.json"))))
        {
            manifest.RootElement.GetProperty("final").GetProperty("metrics").GetProperty("accuracy").GetDouble().Should().BeApproximately(0.995, 1e-9);
        }

        (code, output) = SdkPackageFixture.Dotnet(sdk.Root, EdgeSdkCli, "run", Path.Combine(dir, "recipe.yaml"), "--model", Path.Combine(dir, "models", "digits_cnn.onnx"), "--out", outDir);
        code.Should().Be(0, output);
        output.Should().Contain("steps run: none (cached); evaluation cached");
        File.ReadAllBytes(Path.Combine(modelDir, "model.onnx")).Should().Equal(first, "the same inputs give byte-identical artifacts");

        File.WriteAllText(Path.Combine(dir, "strict.yaml"), Recipe.Replace("max_absolute_drop: 0.1 points", "min: 100%").Replace("- accuracy:", "- accuracy:"));
        (code, output) = SdkPackageFixture.Dotnet(sdk.Root, EdgeSdkCli, "run", Path.Combine(dir, "strict.yaml"), "--model", Path.Combine(dir, "models", "digits_cnn.onnx"), "--out", Path.Combine(dir, "out2"));
        code.Should().Be(1, output);
        output.Should().Contain("strict.yaml(13,21): error EDGE5001").And.Contain("error EDGE5001");

        (code, output) = SdkPackageFixture.Dotnet(sdk.Root, EdgeSdkCli, "run", Path.Combine(dir, "recipe.yaml"), "--out", outDir);
        code.Should().Be(2, output);
        output.Should().Contain("recipe.yaml(2,8): error EDGE1013").And.Contain("missing.onnx");
    }
}
