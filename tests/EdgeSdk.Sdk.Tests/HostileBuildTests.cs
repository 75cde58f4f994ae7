// Hostile recipes in real `dotnet build` and `edgesdk` processes: a recipe nested 100,000 deep used to
// overflow the stack (exit 134, and a hang with EdgeUseTaskHost=true), an alias bomb spun for minutes.
// Now each is one located EDGE error, the build ends promptly, and no stack trace or MSB4018 appears.
// Faults and concurrency on real processes: kill -9 at the moment the artifacts are being published (the
// folder then holds the old set or the new one, whole), kill -9, SIGTERM and SIGINT during a pass and during
// the evaluation (a rebuild then succeeds with whole output), a parallel build of a solution of two EdgeSdk
// projects with two models each, and two builds of one project at the same time.
using System.Security.Cryptography;
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class HostileBuildTests(SdkPackageFixture sdk)
{
    private static readonly string Deep = "recipe: 1\ndata: " + new string('[', 100_000) + new string(']', 100_000) + "\n";

    private static readonly string Bomb = "recipe: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + string.Concat(Enumerable.Range(1, 8).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n"));

    [Fact]
    public void HostileRecipesFailTheBuildWithLocatedErrorsInTheTaskHostToo()
    {
        var dir = sdk.CreateProject("Hostile", Deep, """
            <EdgeModel Include="models/a/digits_cnn.onnx" Recipe="recipe.yaml" />
            <EdgeModel Include="models/b/digits_cnn.onnx" Recipe="bomb.yaml" OutputName="b" />
            """,
            (TestPaths.Model("digits_cnn"), "models/a/digits_cnn.onnx"),
            (TestPaths.Model("digits_cnn"), "models/b/digits_cnn.onnx"));
        File.WriteAllText(Path.Combine(dir, "bomb.yaml"), Bomb);

        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-p:EdgeUseTaskHost=true");

        code.Should().NotBe(0, log);
        log.Should().Contain("recipe.yaml(2,70): error EDGE1021").And.Contain("bomb.yaml(").And.Contain("error EDGE1022");
        log.Should().NotContain("MSB4018").And.NotContain("Unhandled exception").And.NotContain("   at ");
    }

    [Fact]
    public void CliReportsHostileInputAsDiagnosticsWithoutAStackTrace()
    {
        var dir = TestPaths.NewTempDir("hostile-cli");
        File.WriteAllText(Path.Combine(dir, "deep.yaml"), Deep);
        File.WriteAllText(Path.Combine(dir, "bomb.yaml"), Bomb);
        File.WriteAllText(Path.Combine(dir, "undefined.yaml"), "recipe: 1\nmodel: ${Undefined}/m.onnx\n");
        File.WriteAllText(Path.Combine(dir, "unclosed.yaml"), "recipe: 1\ndata:\n  evaluation: {inputs: x.npy\nevaluate: x\n");

        var (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "validate", "deep.yaml", "bomb.yaml", "undefined.yaml", "unclosed.yaml");

        code.Should().Be(1, output);
        output.Should().Contain("deep.yaml(2,70): error EDGE1021")
            .And.Contain("error EDGE1022")
            .And.Contain("undefined.yaml(2,8): error EDGE1014")
            .And.Contain("unclosed.yaml(3,22): error EDGE1001");
        output.Should().NotContain("Unhandled exception").And.NotContain("   at ");

        (code, output) = SdkPackageFixture.Dotnet(dir, CliRunTests.EdgeSdkCli, "check", "/dev/zero");
        code.Should().Be(2, output);
        output.Should().Contain("error EDGE0030");
    }

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void KillNineWhilePublishingLeavesTheOldOrTheNewSetWhole()
    {
        var dir = sdk.CreateProject("PublishKill", SizeRecipe(10), """<EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />""",
            [(TestPaths.Model("digits_cnn"), "models/digits_cnn.onnx"), .. OutputNameBuildTests.QuickData]);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build");
        code.Should().Be(0, log);
        var edge = Path.Combine(dir, "bin", "Debug", "net10.0", "edge");
        var published = Path.Combine(edge, "digits_cnn");
        var staged = Path.Combine(dir, "obj", "Debug", "net10.0", "edge", "digits_cnn", "artifacts", "manifest.json");
        var previous = File.ReadAllText(Path.Combine(published, "manifest.json"));
        var landed = 0;
        for (var i = 1; i <= 3; i++)
        {
            // A new size budget: the same model, a new manifest and report, so each build publishes a new set.
            File.WriteAllText(Path.Combine(dir, "recipe.yaml"), SizeRecipe(10 + i));
            using var build = KillableBuild.Start(dir, "build", "--no-restore");
            var stage = i % 2 == 1 ? ".staging-" : ".ready-";
            if (build.WaitUntil(() => Directory.Exists(edge) && Directory.EnumerateDirectories(edge, ".digits_cnn" + stage + "*").Any(), BuildTimeout))
            {
                build.Signal(KillableBuild.SigKill);
                landed++;
            }

            build.WaitForExit(BuildTimeout);
            WholeSetProblem(published).Should().BeNull($"try {i}: after a kill -9 while publishing\n{build.Output}");
            var now = File.ReadAllText(Path.Combine(published, "manifest.json"));
            now.Should().BeOneOf([previous, File.ReadAllText(staged)], $"try {i}: the old set or the new one");
            previous = now;
        }

        landed.Should().BeGreaterThan(0, "at least one kill must land while a set was being published");
        (code, log) = SdkPackageFixture.Dotnet(dir, "build", "--no-restore");
        code.Should().Be(0, log);
        WholeSetProblem(published).Should().BeNull(log);
        File.ReadAllText(Path.Combine(published, "manifest.json")).Should().Be(File.ReadAllText(staged));
        Directory.GetDirectories(edge).Select(Path.GetFileName).Should().Equal("digits_cnn");
    }

    [Fact]
    public void KillTermAndIntDuringAPassAndTheEvaluationThenARebuildSucceedsWithWholeOutput()
    {
        var recipe = OutputNameBuildTests.QuickRecipe.Replace("  - fuse", "  - fuse\n  - quantize: {mode: dynamic}", StringComparison.Ordinal);
        var dir = sdk.CreateProject("Signals", recipe, """<EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />""",
            [(TestPaths.Model("digits_cnn"), "models/digits_cnn.onnx"), .. OutputNameBuildTests.QuickData]);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "restore");
        code.Should().Be(0, log);
        var work = Path.Combine(dir, "obj", "Debug", "net10.0", "edge", "digits_cnn");
        var published = Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        foreach (var (signal, point) in new[] { (KillableBuild.SigKill, "step 1/2"), (KillableBuild.SigTerm, "evaluating"), (KillableBuild.SigInt, "step 2/2") })
        {
            // Every interrupted build has a pass and an evaluation to do: no step output, no results, no step cache.
            foreach (var file in Directory.Exists(work) ? Directory.GetFiles(work, "0*.onnx").Append(Path.Combine(work, "evaluation.json")) : Array.Empty<string>())
            {
                File.Delete(file);
            }

            using var build = KillableBuild.Start(dir, "build", "--no-restore", "-p:EdgeCache=false");
            var reached = build.WaitForOutput(point, BuildTimeout);
            build.Signal(signal);
            var exit = build.WaitForExit(TimeSpan.FromMinutes(2));
            var what = $"signal {signal} at '{point}' (reached: {reached})";
            exit.Should().NotBeNull($"the build must end after {what}\n{build.Output}");
            build.Output.Should().NotContain("MSB4018").And.NotContain("Unhandled exception").And.NotContain("   at ", what);
            if (Directory.Exists(published))
            {
                WholeSetProblem(published).Should().BeNull(what);
            }
        }

        (code, log) = SdkPackageFixture.Dotnet(dir, "build", "--no-restore", "-p:EdgeCache=false");
        code.Should().Be(0, log);
        WholeSetProblem(published).Should().BeNull(log);
        InputSha(published).Should().Be(Sha256(Path.Combine(dir, "models", "digits_cnn.onnx")));
    }

    [Fact]
    public void ASolutionOfTwoEdgeSdkProjectsWithSeveralModelsBuildsInParallel()
    {
        var root = Path.Combine(sdk.Root, "Parallel");
        var models = new[] { ("digits_cnn", "cnn"), ("digits_cnn_folded", "folded") };
        foreach (var project in new[] { "A", "B" })
        {
            sdk.CreateProject(Path.Combine("Parallel", project), OutputNameBuildTests.QuickRecipe,
                string.Join("\n", models.Select(m => $"""<EdgeModel Include="models/{m.Item1}.onnx" Recipe="recipe.yaml" OutputName="{project}-{m.Item2}" />""")),
                [.. models.Select(m => (TestPaths.Model(m.Item1), $"models/{m.Item1}.onnx")), .. OutputNameBuildTests.QuickData]);
        }

        File.WriteAllText(Path.Combine(root, "Parallel.slnx"), """
            <Solution>
              <Project Path="A/A.csproj" />
              <Project Path="B/B.csproj" />
            </Solution>
            """);

        var (code, log) = SdkPackageFixture.Dotnet(root, "build", "Parallel.slnx", "-m:2");

        code.Should().Be(0, log);
        foreach (var project in new[] { "A", "B" })
        {
            foreach (var (model, name) in models)
            {
                var folder = Path.Combine(root, project, "bin", "Debug", "net10.0", "edge", $"{project}-{name}");
                WholeSetProblem(folder).Should().BeNull(log);
                InputSha(folder).Should().Be(Sha256(TestPaths.Model(model)), $"{project}-{name} names its own input");
            }
        }
    }

    [Fact]
    public void TwoBuildsOfOneProjectAtOnceBothSucceedWithWholeOutput()
    {
        var dir = sdk.CreateProject("TwoAtOnce", OutputNameBuildTests.QuickRecipe, """<EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />""",
            [(TestPaths.Model("digits_cnn"), "models/digits_cnn.onnx"), .. OutputNameBuildTests.QuickData]);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "restore");
        code.Should().Be(0, log);

        using var first = KillableBuild.Start(dir, "build", "--no-restore", "-p:EdgeCache=false");
        using var second = KillableBuild.Start(dir, "build", "--no-restore", "-p:EdgeCache=false");
        var exits = new[] { first.WaitForExit(BuildTimeout), second.WaitForExit(BuildTimeout) };

        exits.Should().Equal([0, 0], first.Output + "\n----\n" + second.Output);
        var published = Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        WholeSetProblem(published).Should().BeNull();
        InputSha(published).Should().Be(Sha256(Path.Combine(dir, "models", "digits_cnn.onnx")));
    }

    private static string SizeRecipe(int megabytes) => OutputNameBuildTests.QuickRecipe.Replace("size: {max: 10 MB}", $"size: {{max: {megabytes} MB}}", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="folder"/> holds the five artifacts and every digest and size the manifest lists matches its file; else what is wrong.</summary>
    internal static string? WholeSetProblem(string folder)
    {
        var expected = new[] { "manifest.json", "model.onnx", "model.ort", "report.html", "report.md" };
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        if (!files.SequenceEqual(expected))
        {
            return $"files [{string.Join(", ", files)}]";
        }

        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
            var listed = manifest.RootElement.GetProperty("artifacts").EnumerateArray().ToList();
            if (listed.Count != 4)
            {
                return $"the manifest lists {listed.Count} artifacts";
            }

            foreach (var a in listed)
            {
                var path = Path.Combine(folder, a.GetProperty("path").GetString()!);
                if (Sha256(path) != a.GetProperty("sha256").GetString() || new FileInfo(path).Length != a.GetProperty("bytes").GetInt64())
                {
                    return $"{a.GetProperty("path").GetString()} does not match the manifest";
                }
            }
        }
        catch (JsonException ex)
        {
            return "manifest.json: " + ex.Message;
        }

        return null;
    }

    private static string InputSha(string folder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        return manifest.RootElement.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("role").GetString() == "model").GetProperty("sha256").GetString()!;
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
