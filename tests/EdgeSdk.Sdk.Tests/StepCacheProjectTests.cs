// The step cache in real `dotnet build`s: a second clone of a project on the same machine runs no pass
// (machine-wide cache), a clone on a "machine" with an empty cache gets every step from the remote cache
// (nginx, set with the EdgeRemoteCache property, and on the "CI agent" with EDGE_REMOTE_CACHE), the model artifacts are byte-identical, the manifest
// says where each step came from, and the credentials never appear in the log, report or manifest.
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class StepCacheProjectTests(SdkPackageFixture sdk)
{
    private const string Secret = "tok-5ecr3t-never-logged";

    private const string Recipe = """
        recipe: 1
        target: x86-avx2
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 5 points}
        passes:
          - fuse
          - quantize: {mode: dynamic}
        """;

    private const string Item = """<EdgeModel Include="models/digits_mlp.onnx" Recipe="recipe.yaml" />""";

    private static readonly (string, string)[] Files = SdkPackageFixture.DigitsFiles("digits_mlp");

    [Fact]
    public void SecondCloneRunsNoPassAndACloneElsewhereGetsEveryStepFromTheRemoteCache()
    {
        using var server = CacheServerProcess.Start();
        var machineA = TestPaths.NewTempDir("machine-a-cache");
        var machineB = TestPaths.NewTempDir("machine-b-cache");
        var remote = $"-p:EdgeRemoteCache={server.Url("ci")}";
        var env = (string cache) => new Dictionary<string, string?> { ["EDGE_CACHE_DIR"] = cache, ["EDGE_REMOTE_CACHE_TOKEN"] = Secret };

        var first = sdk.CreateProject("CloneOne", Recipe, Item, Files);
        var (code, log) = SdkPackageFixture.Dotnet(first, env(machineA), "build", "-v:n", remote);
        code.Should().Be(0, log);
        log.Should().Contain("step 2/2 quantize").And.NotContain("restored from");
        Sources(first).Should().Equal("computed", "computed");
        server.Count("ci", "ac").Should().Be(3, "both steps and the model.ort conversion were uploaded");

        var second = sdk.CreateProject("CloneTwo", Recipe, Item, Files);
        (code, log) = SdkPackageFixture.Dotnet(second, env(machineA), "build", "-v:n");
        code.Should().Be(0, log);
        log.Should().Contain("fuse: restored from the machine-wide cache").And.Contain("quantize: restored from the machine-wide cache");
        Sources(second).Should().Equal("local-cache", "local-cache");
        File.ReadAllBytes(Model(second)).Should().Equal(File.ReadAllBytes(Model(first)));
        File.ReadAllBytes(Path.ChangeExtension(Model(second), ".ort")).Should().Equal(File.ReadAllBytes(Path.ChangeExtension(Model(first), ".ort")));

        var third = sdk.CreateProject("CloneThree", Recipe, Item, Files);
        // A CI agent sets the remote cache with the environment variable instead of the property.
        var ci = env(machineB);
        ci["EDGE_REMOTE_CACHE"] = server.Url("ci").ToString();
        (code, log) = SdkPackageFixture.Dotnet(third, ci, "build", "-v:diag");
        code.Should().Be(0, log);
        log.Should().Contain("quantize: restored from the remote cache");
        Sources(third).Should().Equal("remote-cache", "remote-cache");
        File.ReadAllBytes(Model(third)).Should().Equal(File.ReadAllBytes(Model(first)));
        File.ReadAllBytes(Path.ChangeExtension(Model(third), ".ort")).Should().Equal(File.ReadAllBytes(Path.ChangeExtension(Model(first), ".ort")));

        log.Should().NotContain(Secret, "credentials never reach the build log, even at diagnostic verbosity");
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Model(third))!).Concat(Directory.GetFiles(Path.Combine(third, "obj"), "*.json", SearchOption.AllDirectories)))
        {
            File.ReadAllText(file).Should().NotContain(Secret, file);
        }
    }

    private static string Model(string project) => Path.Combine(project, "bin", "Debug", "net10.0", "edge", "digits_mlp", "model.onnx");

    private static IReadOnlyList<string?> Sources(string project)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(Model(project))!, "manifest.json")));
        return manifest.RootElement.GetProperty("passes").EnumerateArray().Select(p => p.GetProperty("source").GetString()).ToList();
    }
}
