// Hostile recipes in real `dotnet build` and `edgesdk` processes: a recipe nested 100,000 deep used to
// overflow the stack (exit 134, and a hang with EdgeUseTaskHost=true), an alias bomb spun for minutes.
// Now each is one located EDGE error, the build ends promptly, and no stack trace or MSB4018 appears.
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
}
