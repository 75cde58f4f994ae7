// A stage model in obj/ overwritten with garbage looked up to date to MSBuild (it is newer than its inputs), and
// every later build failed with EDGE4001 until `dotnet clean`. Now a real rebuild detects it by the digest in the
// step's record, warns with EDGE0034, recomputes it and publishes a whole set again; unreadable evaluation
// results are recomputed the same way.
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class CorruptWorkFileTests(SdkPackageFixture sdk)
{
    [Fact]
    public void AStageModelOverwrittenWithGarbageIsDetectedAndRecomputed()
    {
        var recipe = OutputNameBuildTests.QuickRecipe.Replace("  - fuse", "  - fuse\n  - quantize: {mode: dynamic}", StringComparison.Ordinal);
        var dir = sdk.CreateProject("CorruptWork", recipe, """<EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />""",
            [(TestPaths.Model("digits_cnn"), "models/digits_cnn.onnx"), .. OutputNameBuildTests.QuickData]);
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build");
        code.Should().Be(0, log);
        var work = Path.Combine(dir, "obj", "Debug", "net10.0", "edge", "digits_cnn");
        var published = Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        var good = File.ReadAllBytes(Path.Combine(work, "01-fuse.onnx"));

        // The first stage: the step after it would read the garbage.
        File.WriteAllBytes(Path.Combine(work, "01-fuse.onnx"), [.. Enumerable.Repeat((byte)0x5a, good.Length)]);
        (code, log) = SdkPackageFixture.Dotnet(dir, "build", "--no-restore", "-v:n");
        code.Should().Be(0, log);
        log.Should().Contain("warning EDGE0034: digits_cnn: the output of step 1 (fuse)").And.Contain("step 1/2 fuse").And.NotContain("EDGE4001");
        File.ReadAllBytes(Path.Combine(work, "01-fuse.onnx")).Should().Equal(good);
        HostileBuildTests.WholeSetProblem(published).Should().BeNull(log);

        // The final stage and the evaluation results, at once.
        File.WriteAllText(Path.Combine(work, "02-quantize.onnx"), "garbage");
        File.WriteAllText(Path.Combine(work, "evaluation.json"), "{\"stages\": [");
        (code, log) = SdkPackageFixture.Dotnet(dir, "build", "--no-restore", "-v:n");
        code.Should().Be(0, log);
        log.Should().Contain("warning EDGE0034: digits_cnn: the output of step 2 (quantize)").And.Contain("evaluation results").And.Contain("step 2/2 quantize");
        log.Should().NotContain("step 1/2 fuse", "the intact first stage is not recomputed");
        HostileBuildTests.WholeSetProblem(published).Should().BeNull(log);
    }
}
