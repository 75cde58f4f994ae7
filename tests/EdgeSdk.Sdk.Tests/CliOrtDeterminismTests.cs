// Issue 17: two clean runs of one recipe, each in its own `edgesdk run` process with no step cache (so each
// converts model.ort itself, with its own hash-map seeds in ONNX Runtime), publish byte-identical model.ort
// files, as they do model.onnx. Before the canonical rewrite the two model.ort files differed in a few hundred bytes.
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class CliOrtDeterminismTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation:
            inputs: data/test_x.npy
            labels: data/test_y.npy
            samples: 100
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        passes:
          - fuse
        """;

    [Fact]
    public void TwoCleanRunsInTwoProcessesPublishByteIdenticalModelOrt()
    {
        var dir = sdk.CreateDigitsProject("CliOrtDeterminism", Recipe, string.Empty);
        var published = new List<(byte[] Onnx, byte[] Ort)>();
        foreach (var run in new[] { "a", "b" })
        {
            var outDir = Path.Combine(dir, "out-" + run);
            var (code, output) = SdkPackageFixture.Dotnet(sdk.Root, CliRunTests.EdgeSdkCli, "run", Path.Combine(dir, "recipe.yaml"),
                "--model", Path.Combine(dir, "models", "digits_cnn.onnx"), "--out", outDir, "--no-cache");
            code.Should().Be(0, output);
            output.Should().NotContain("EDGE4033", "ORT's file is rewritten canonically");
            var modelDir = Path.Combine(outDir, "digits_cnn");
            published.Add((File.ReadAllBytes(Path.Combine(modelDir, "model.onnx")), File.ReadAllBytes(Path.Combine(modelDir, "model.ort"))));
        }

        published[1].Onnx.Should().Equal(published[0].Onnx);
        published[1].Ort.Should().Equal(published[0].Ort, "identical inputs give a byte-identical model.ort");
    }
}
