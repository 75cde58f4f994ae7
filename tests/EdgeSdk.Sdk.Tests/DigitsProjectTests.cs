// Builds a small EdgeSdk project against the packed SDK in real `dotnet build` processes and checks the
// artifacts, the manifest, incrementality, clean, and diagnostics located in the recipe; a missed budget leaves the
// published set as it was and publishes the failed set whole to obj/…/edge/<model>/failed/, which the log names.
using System.Security.Cryptography;
using System.Text.Json;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class DigitsProjectTests(SdkPackageFixture sdk)
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation:
            inputs: data/test_x.npy
            labels: data/test_y.npy
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 5, runs: 100, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 0.1 points}
          - latency: {p90: 50 ms}
          - size: {max: 1 MB}
        passes:
          - fuse
        """;

    [Fact]
    public void BuildWritesArtifactsThenSkipsEverythingThenRerunsOnChangeAndCleanRemovesAll()
    {
        var dir = sdk.CreateDigitsProject("Lifecycle", Recipe);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-v:n");
        code.Should().Be(0, log);
        log.Should().Contain("step 1/1 fuse");

        var outDir = Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        var model = Path.Combine(outDir, "model.onnx");
        File.Exists(Path.Combine(outDir, "report.md")).Should().BeTrue(log);
        File.ReadAllText(Path.Combine(outDir, "report.html")).Should().Contain("<svg");
        using (var ort = EdgeSdk.Runtime.InferenceSession.FromFile(Path.Combine(outDir, "model.ort")))
        {
            ort.Outputs.Should().ContainSingle();
        }
        ModelFile.Load(model).Graph.Node.Count.Should().BeLessThan(ModelFile.Load(Path.Combine(dir, "models", "digits_cnn.onnx")).Graph.Node.Count);

        using (var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json"))))
        {
            var root = manifest.RootElement;
            var input = root.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("role").GetString() == "model");
            input.GetProperty("sha256").GetString().Should().Be(Sha256(Path.Combine(dir, "models", "digits_cnn.onnx")));
            root.GetProperty("inputs").EnumerateArray().Should().Contain(i => i.GetProperty("path").GetString() == "data/test_x.npy");
            var artifact = root.GetProperty("artifacts").EnumerateArray().Single(a => a.GetProperty("path").GetString() == "model.onnx");
            artifact.GetProperty("bytes").GetInt64().Should().Be(new FileInfo(model).Length);
            artifact.GetProperty("sha256").GetString().Should().Be(Sha256(model));
            var pass = root.GetProperty("passes").EnumerateArray().Single();
            pass.GetProperty("name").GetString().Should().Be("fuse");
            pass.GetProperty("status").GetString().Should().Be("ran");
            pass.GetProperty("seconds").GetDouble().Should().BeGreaterThan(0);
            root.GetProperty("baseline").GetProperty("metrics").GetProperty("accuracy").GetDouble().Should().BeApproximately(0.995, 1e-9);
            root.GetProperty("final").GetProperty("metrics").GetProperty("accuracy").GetDouble().Should().BeApproximately(0.995, 1e-9);
            root.GetProperty("final").GetProperty("latency").GetProperty("p90Ms").GetDouble().Should().BeGreaterThan(0);
            var budgets = root.GetProperty("budgets").EnumerateArray().Where(b => !b.GetProperty("name").GetString()!.StartsWith("target.", StringComparison.Ordinal)).ToList();
            budgets.Should().HaveCount(3);
            budgets.Should().OnlyContain(b => b.GetProperty("passed").GetBoolean());
            budgets[2].GetProperty("actual").GetDouble().Should().Be(new FileInfo(model).Length);
            budgets[2].GetProperty("limit").GetDouble().Should().Be(1_000_000);
        }

        var stepOutput = Directory.GetFiles(Path.Combine(dir, "obj"), "01-fuse.onnx", SearchOption.AllDirectories).Single();
        var stamp = File.GetLastWriteTimeUtc(stepOutput);
        (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-v:n");
        code.Should().Be(0, log);
        log.Should().Contain("Skipping target \"EdgeRunSteps\" because all output files are up-to-date");
        log.Should().Contain("Skipping target \"EdgeEvaluate\" because all output files are up-to-date");
        log.Should().NotContain("step 1/1 fuse").And.NotContain("evaluating");
        File.GetLastWriteTimeUtc(stepOutput).Should().Be(stamp);

        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), Recipe.Replace("  - fuse", "  - fuse: {fold_batch_norm: false}"));
        (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-v:n");
        code.Should().Be(0, log);
        log.Should().Contain("step 1/1 fuse");
        ModelFile.Load(model).Graph.Node.Should().Contain(n => n.OpType == "BatchNormalization");

        (code, log) = SdkPackageFixture.Dotnet(dir, "clean");
        code.Should().Be(0, log);
        Directory.Exists(outDir).Should().BeTrue();
        Directory.GetFiles(outDir).Should().BeEmpty(log);
        Directory.GetFiles(Path.Combine(dir, "obj"), "*.onnx", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void MissedBudgetFailsTheBuildAtTheBudgetsLineAndKeepsTheLastGoodModel()
    {
        var dir = sdk.CreateDigitsProject("Budget", Recipe);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build");
        code.Should().Be(0, log);
        var outDir = Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        var good = Snapshot(outDir);
        good.Keys.Should().BeEquivalentTo(["manifest.json", "model.onnx", "model.ort", "report.html", "report.md"]);
        AssertManifestListsExactlyItsFiles(outDir);

        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), Recipe.Replace("p90: 50 ms", "p90: 1 us"));
        (code, log) = SdkPackageFixture.Dotnet(dir, "build");

        code.Should().NotBe(0, log);
        var recipe = Path.Combine(dir, "recipe.yaml");
        var failed = Path.Combine(dir, "obj", "Debug", "net10.0", "edge", "digits_cnn", "failed");
        log.Should().Contain($"{recipe}(13,20): error EDGE5001: Budget 'latency.p90' missed");
        log.Should().Contain("Full report: " + Path.Combine(failed, "report.md"), "the diagnostic names where the failing report is");
        log.Should().Contain("EdgeSdk: digits_cnn: budget missed").And.Contain("-> " + Path.Combine(failed, "report.md"));
        Snapshot(outDir).Should().Equal(good, "a missed budget leaves the published set exactly as it was: the last good model with its own manifest and reports");
        AssertManifestListsExactlyItsFiles(outDir);
        Snapshot(failed).Keys.Should().BeEquivalentTo(["manifest.json", "model.onnx", "model.ort", "report.html", "report.md"]);
        AssertManifestListsExactlyItsFiles(failed);
        File.ReadAllText(Path.Combine(failed, "report.md")).Should().Contain("❌");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(failed, "manifest.json")));
        manifest.RootElement.GetProperty("budgets").EnumerateArray().Should().Contain(b => b.GetProperty("name").GetString() == "latency.p90" && !b.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public void RecipeMistakesAreErrorsAtTheirLineAndColumn()
    {
        var dir = sdk.CreateDigitsProject("BadRecipe", Recipe.Replace("  metrics: [accuracy]", "  metrics: [accuracy]\n  latncy: {runs: 3}").Replace("size: {max: 1 MB}", "size: {max: 1 parsecs}"));
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build");
        code.Should().NotBe(0, log);
        var recipe = Path.Combine(dir, "recipe.yaml");
        log.Should().Contain($"{recipe}(10,3): error EDGE1002");
        log.Should().Contain("Did you mean 'latency'?");
        log.Should().MatchRegex(@"recipe\.yaml\(15,17\): error EDGE1004: .*parsecs");
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), Sha256), StringComparer.Ordinal);

    /// <summary>The manifest lists every other file of the folder, and only those, with their sha256.</summary>
    private static void AssertManifestListsExactlyItsFiles(string folder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        var listed = manifest.RootElement.GetProperty("artifacts").EnumerateArray()
            .ToDictionary(a => a.GetProperty("path").GetString()!, a => a.GetProperty("sha256").GetString()!);
        var files = Snapshot(folder);
        files.Remove("manifest.json");
        listed.Should().BeEquivalentTo(files, $"the manifest of '{folder}' must describe exactly its files");
    }
}
