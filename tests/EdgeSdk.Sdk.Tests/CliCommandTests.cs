// The `edgesdk` commands other than run, as a user calls them: validate, schema, targets, inspect,
// check and diff, with their exit codes.
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class CliCommandTests(SdkPackageFixture sdk)
{
    private static (int Code, string Output) Edgesdk(string directory, params string[] args) =>
        SdkPackageFixture.Dotnet(directory, [CliRunTests.EdgeSdkCli, .. args]);

    [Fact]
    public void ValidateReportsEveryMistakeWithItsLineAndExitsOne()
    {
        var dir = TestPaths.NewTempDir();
        var bad = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(bad, "recipe: 1\ntarget: x86-avx3\nevaluate:\n  task: multiclass\n  metrcs: [accuracy]\n");
        var (code, output) = Edgesdk(dir, "validate", bad);
        code.Should().Be(1, output);
        output.Should().Contain($"{bad}(2,9): error EDGE1").And.Contain("x86-avx2");
        output.Should().Contain($"{bad}(5,3): error EDGE1002").And.Contain("Did you mean 'metrics'?");

        var good = Path.Combine(dir, "good.yaml");
        File.WriteAllText(good, "recipe: 1\ntarget: x86-avx2\npasses:\n  - fuse\n");
        (code, output) = Edgesdk(dir, "validate", good);
        code.Should().Be(0, output);
    }

    [Fact]
    public void VersionAndProvidersNameTheOnnxRuntimeTheToolRunsOn()
    {
        var (code, output) = Edgesdk(sdk.Root, "--version");
        code.Should().Be(0, output);
        output.Should().MatchRegex(@"ONNX Runtime 1\.31\.1 \(Microsoft\.ML\.OnnxRuntime 1\.31\.1, linux-x64: [^)]*runtimes/linux-x64/native/libonnxruntime\.so\)");

        (code, output) = Edgesdk(sdk.Root, "providers", "--json");
        code.Should().Be(0, output);
        var json = JsonNode.Parse(output)!;
        json["version"]!.GetValue<string>().Should().Be("1.31.1");
        json["rid"]!.GetValue<string>().Should().Be("linux-x64");
        json["path"]!.GetValue<string>().Should().EndWith("runtimes/linux-x64/native/libonnxruntime.so");
        json["providers"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Contain("CPUExecutionProvider");
    }

    [Fact]
    public void ValidateReportsWhatPassesWouldRejectAtRunTimeAtTheRecipeLine()
    {
        var dir = TestPaths.NewTempDir();
        var recipe = Path.Combine(dir, "passes.yaml");
        File.WriteAllText(recipe, """
            recipe: 1
            passes:
              - prune: {pattern: "3:2"}
              - quantize: {mode: weight_only, block_size: 48}
              - qat: {mode: dynamic}
              - distill: {teacher: missing-teacher.onnx}
            """.ReplaceLineEndings("\n"));

        var (code, output) = Edgesdk(dir, "validate", recipe);

        code.Should().Be(1, output);
        output.Should().Contain($"{recipe}(3,22): error EDGE2201").And.Contain("pattern '3:2' is not valid");
        output.Should().Contain($"{recipe}(4,47): error EDGE2104").And.Contain("not a power of two");
        output.Should().Contain($"{recipe}(5,11): error EDGE1002").And.Contain("qat always trains static QDQ");
        output.Should().Contain($"{recipe}(6,24): error EDGE2705").And.Contain("missing-teacher.onnx");
        output.Should().Contain("4 error(s)");
    }

    [Fact]
    public void SchemaPrintsTheCommittedSchema()
    {
        var (code, output) = Edgesdk(sdk.Root, "schema");
        code.Should().Be(0, output);
        var committed = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "recipes", "recipe.schema.json"));
        JsonNode.DeepEquals(JsonNode.Parse(output), JsonNode.Parse(committed)).Should().BeTrue();
    }

    [Fact]
    public void TargetsListsEveryProfileAndShowsOneWithSources()
    {
        var (code, output) = Edgesdk(sdk.Root, "targets");
        code.Should().Be(0, output);
        foreach (var name in new[] { "rpi4", "rpi5", "jetson-orin-nano", "x86-avx2", "x86-avx512-vnni", "apple-m1", "stm32h7" })
        {
            output.Should().Contain(name);
        }

        (code, output) = Edgesdk(sdk.Root, "targets", "stm32h7");
        code.Should().Be(0, output);
        output.Should().Contain("http").And.Contain("Cortex-M7");
        (code, output) = Edgesdk(sdk.Root, "targets", "rpi6");
        code.Should().Be(2, output);
    }

    [Fact]
    public void InspectAndCheckDescribeAndVerifyAModel()
    {
        var (code, output) = Edgesdk(sdk.Root, "inspect", TestPaths.Model("digits_mlp"), "--json");
        code.Should().Be(0, output);
        using (var json = JsonDocument.Parse(output))
        {
            json.RootElement.GetProperty("inputs")[0].GetProperty("shape")[0].GetString().Should().Be("batch");
            json.RootElement.GetProperty("fileSizeBytes").GetInt64().Should().Be(new FileInfo(TestPaths.Model("digits_mlp")).Length);
            json.RootElement.GetProperty("parameterCount").GetInt64().Should().Be((64 * 256) + 256 + (256 * 128) + 128 + (128 * 10) + 10);
        }

        (code, output) = Edgesdk(sdk.Root, "check", TestPaths.Model("digits_cnn"));
        code.Should().Be(0, output);

        var dir = TestPaths.NewTempDir();
        var broken = Path.Combine(dir, "dangling.onnx");
        var model = EdgeSdk.Onnx.ModelFile.Load(TestPaths.Model("digits_mlp"));
        model.Graph.Node[1].Input[0] = "nobody_makes_this";
        EdgeSdk.Onnx.ModelFile.Save(model, broken);
        (code, output) = Edgesdk(dir, "check", broken);
        code.Should().Be(1, output);
        output.Should().Contain("EDGE4012").And.Contain("nobody_makes_this");
    }

    [Fact]
    public void DiffMarksDirectionsAndFailsOnARegressionBeyondTheThreshold()
    {
        var dir = sdk.CreateProject("Diff", """
            recipe: 1
            target: host
            data:
              evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
            evaluate:
              task: multiclass
              metrics: [accuracy]
              latency: {warmup: 2, runs: 20, batch: 1, threads: 1}
            passes:
              - fuse
            """, string.Empty,
            (TestPaths.Model("digits_mlp"), "models/digits_mlp.onnx"),
            (TestPaths.Data("digits", "test_x.npy"), "data/test_x.npy"),
            (TestPaths.Data("digits", "test_y.npy"), "data/test_y.npy"));
        var (code, output) = Edgesdk(dir, "run", "recipe.yaml", "--model", "models/digits_mlp.onnx", "--out", "base");
        code.Should().Be(0, output);

        // The head run lost two points of accuracy.
        var head = Path.Combine(dir, "head", "digits_mlp");
        Directory.CreateDirectory(head);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "base", "digits_mlp", "manifest.json")))!;
        foreach (var stage in manifest["stages"]!.AsArray().Skip(1).Append(manifest["final"]))
        {
            stage!["metrics"]!["accuracy"] = stage["metrics"]!["accuracy"]!.GetValue<double>() - 0.02;
        }

        File.WriteAllText(Path.Combine(head, "manifest.json"), manifest.ToJsonString());
        (code, output) = Edgesdk(dir, "diff", "base/digits_mlp", "head/digits_mlp");
        code.Should().Be(0, output);
        output.Should().Contain("| accuracy").And.Contain("▼");
        (code, output) = Edgesdk(dir, "diff", "base/digits_mlp", "head/digits_mlp", "--fail-on", "accuracy=0.5pt");
        code.Should().Be(1, output);
        (code, output) = Edgesdk(dir, "diff", "base/digits_mlp", "head/digits_mlp", "--fail-on", "accuracy=3pt");
        code.Should().Be(0, output);
    }
}
