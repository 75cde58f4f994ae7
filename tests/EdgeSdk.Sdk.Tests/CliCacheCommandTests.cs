// `edgesdk run` with the machine-wide cache (--cache-dir), `edgesdk cache stats` and `edgesdk cache prune`:
// a second run in another output folder computes no pass, stats count what was stored, prune empties the
// cache, a malformed size is EDGE0406 (exit 2), a remote URL with credentials is refused without echoing them.
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class CliCacheCommandTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        model: models/digits_mlp.onnx
        target: x86-avx2
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        passes:
          - fuse
          - quantize: {mode: dynamic}
        """;

    [Fact]
    public void RunUsesTheMachineWideCacheAndCacheCommandsManageIt()
    {
        var dir = sdk.CreateProject("CliCache", Recipe, string.Empty, SdkPackageFixture.DigitsFiles("digits_mlp"));
        var cache = Path.Combine(dir, "machine-cache");
        var recipe = Path.Combine(dir, "recipe.yaml");

        var (code, output) = Cli(dir, "run", recipe, "--out", Path.Combine(dir, "out1"), "--cache-dir", cache, "--remote-cache", "http://ci:hunter2@cache.invalid:8080/x");
        code.Should().Be(0, output);
        output.Should().Contain("passes computed: 2, from local cache: 0, from remote cache: 0");
        output.Should().Contain("warning EDGE0403").And.NotContain("hunter2");

        (code, output) = Cli(dir, "run", recipe, "--out", Path.Combine(dir, "out2"), "--cache-dir", cache);
        code.Should().Be(0, output);
        output.Should().Contain("passes computed: 0, from local cache: 2, from remote cache: 0");
        File.ReadAllBytes(Path.Combine(dir, "out2", "digits_mlp", "model.ort")).Should().Equal(File.ReadAllBytes(Path.Combine(dir, "out1", "digits_mlp", "model.ort")));

        (code, output) = Cli(dir, "cache", "stats", "--json", "--cache-dir", cache);
        code.Should().Be(0, output);
        using (var stats = JsonDocument.Parse(output))
        {
            stats.RootElement.GetProperty("entries").GetInt32().Should().Be(3, "two steps and the model.ort conversion");
            stats.RootElement.GetProperty("bytes").GetInt64().Should().BeGreaterThan(new FileInfo(Path.Combine(dir, "out1", "digits_mlp", "model.onnx")).Length);
        }

        (code, output) = Cli(dir, "cache", "prune", "--max-size", "12XB", "--cache-dir", cache);
        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0406");

        (code, output) = Cli(dir, "cache", "prune", "--max-size", "0", "--cache-dir", cache);
        code.Should().Be(0, output);
        output.Should().Contain("0 steps, 0 blobs, 0 B remain");

        (code, output) = Cli(dir, "run", recipe, "--out", Path.Combine(dir, "out3"), "--cache-dir", cache, "--no-cache");
        code.Should().Be(0, output);
        Directory.GetFiles(cache, "*", SearchOption.AllDirectories).Should().BeEmpty("--no-cache stores nothing");
    }

    private static (int Code, string Output) Cli(string dir, params string[] args) => SdkPackageFixture.Dotnet(dir, [CliRunTests.EdgeSdkCli, .. args]);
}
