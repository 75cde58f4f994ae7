// The `dotnet new` template as a user meets it: EdgeSdk.Templates installed into a private template hive
// (--debug:custom-hive, so the user's template cache is untouched), `dotnet new edgesdk` creates a project,
// and that project builds against the packed SDK as soon as a model and its data are dropped in.
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class TemplatePackageTests(SdkPackageFixture sdk)
{
    [Fact]
    public void NewProjectFromTheTemplateBuildsOnceAModelAndDataAreDroppedIn()
    {
        var hive = Path.Combine(sdk.Root, ".template-hive");
        var package = Path.Combine(SdkPackageFixture.Feed, $"EdgeSdk.Templates.{sdk.Version}.nupkg");
        var (code, output) = SdkPackageFixture.Dotnet(sdk.Root, "new", "install", package, "--debug:custom-hive", hive);
        code.Should().Be(0, output);
        output.Should().Contain("edgesdk");

        (code, output) = SdkPackageFixture.Dotnet(sdk.Root, "new", "edgesdk", "-n", "MyModels", "--feed", SdkPackageFixture.Feed, "--debug:custom-hive", hive);
        code.Should().Be(0, output);
        var dir = Path.Combine(sdk.Root, "MyModels");
        File.ReadAllText(Path.Combine(dir, "MyModels.csproj")).Should().Contain($"<Project Sdk=\"EdgeSdk/{sdk.Version}\">");
        File.ReadAllText(Path.Combine(dir, "NuGet.config")).Should().Contain($"value=\"{SdkPackageFixture.Feed}\"");
        File.ReadAllText(Path.Combine(dir, "recipe.yaml")).Should().Contain("extends: cnn-int8-cpu").And.Contain("target: host");
        File.ReadAllText(Path.Combine(dir, "README.md")).Should().Contain("# MyModels");
        Directory.Exists(Path.Combine(dir, "models")).Should().BeTrue();
        Directory.Exists(Path.Combine(dir, "data")).Should().BeTrue();

        File.Copy(TestPaths.Model("digits_cnn"), Path.Combine(dir, "models", "digits_cnn.onnx"));
        foreach (var file in new[] { "train_x.npy", "test_x.npy", "test_y.npy" })
        {
            File.Copy(TestPaths.Data("digits", file), Path.Combine(dir, "data", file));
        }

        (code, output) = SdkPackageFixture.Dotnet(dir, "build", "-nologo");
        code.Should().Be(0, output);
        var outDir = Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "manifest.json")));
        manifest.RootElement.GetProperty("passes").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Should().Equal("fuse", "quantize");
        manifest.RootElement.GetProperty("passed").GetBoolean().Should().BeTrue(output);
        File.Exists(Path.Combine(outDir, "model.ort")).Should().BeTrue();
    }

    [Fact]
    public void WithoutAFeedTheNuGetConfigCarriesACommentedSnippet()
    {
        var hive = Path.Combine(sdk.Root, ".template-hive-2");
        var (code, output) = SdkPackageFixture.Dotnet(sdk.Root, "new", "install", Path.Combine(SdkPackageFixture.Feed, $"EdgeSdk.Templates.{sdk.Version}.nupkg"), "--debug:custom-hive", hive);
        code.Should().Be(0, output);
        (code, output) = SdkPackageFixture.Dotnet(sdk.Root, "new", "edgesdk", "-n", "NoFeed", "--target", "rpi5", "--base", "cleanup", "--debug:custom-hive", hive);
        code.Should().Be(0, output);
        var dir = Path.Combine(sdk.Root, "NoFeed");
        Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo(["NoFeed.csproj", "NuGet.config", "README.md", "recipe.yaml"]);
        File.ReadAllText(Path.Combine(dir, "NuGet.config")).Should().Contain("<!-- <add key=\"edgesdk\" value=\"/path/to/feed\" /> -->");
        File.ReadAllText(Path.Combine(dir, "recipe.yaml")).Should().Contain("extends: cleanup").And.Contain("target: rpi5");
    }
}
