// Every XML snippet in every Markdown file is checked against the packed SDK: project files and project
// fragments (a <Target>, a <PropertyGroup>) are evaluated by MSBuild (`dotnet msbuild -getProperty:`, cheap),
// NuGet.config snippets are parsed, and the README's own project and recipe are built for real with the
// fixture model and data, as a reader who copies them would.
using System.Xml.Linq;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class MarkdownProjectSnippetTests(SdkPackageFixture sdk)
{
    public static TheoryData<MarkdownSnippet> XmlSnippets()
    {
        var data = new TheoryData<MarkdownSnippet>();
        foreach (var s in MarkdownSnippets.All(TestPaths.RepoRoot, "xml"))
        {
            data.Add(s);
        }

        return data;
    }

    [Fact]
    public void TheDocsHaveProjectSnippets() => XmlSnippets().Count.Should().BeGreaterThan(6);

    [Theory]
    [MemberData(nameof(XmlSnippets))]
    public void SnippetParsesAndEvaluates(MarkdownSnippet snippet)
    {
        var xml = XElement.Parse(snippet.Text.Replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", string.Empty, StringComparison.Ordinal).Trim());
        if (xml.Name.LocalName == "configuration")
        {
            xml.Elements().Select(e => e.Name.LocalName).Should().BeSubsetOf(["config", "packageSources", "packageSourceMapping", "fallbackPackageFolders", "disabledPackageSources"], $"{snippet} is a NuGet.config");
            return;
        }

        var project = xml.Name.LocalName == "Project"
            ? snippet.Text
            : $"<Project Sdk=\"EdgeSdk/{sdk.Version}\">\n{snippet.Text}</Project>\n";
        project = System.Text.RegularExpressions.Regex.Replace(project, "Sdk=\"EdgeSdk/[^\"]+\"", $"Sdk=\"EdgeSdk/{sdk.Version}\"");
        var dir = Path.Combine(sdk.Root, "snippets", $"{Path.GetFileNameWithoutExtension(snippet.File)}-{snippet.Line}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "Snippet.csproj"), project);
        File.WriteAllText(Path.Combine(dir, "global.json"), "{\"msbuild-sdks\": {\"EdgeSdk\": \"" + sdk.Version + "\"}}");
        var (code, output) = SdkPackageFixture.Dotnet(dir, "msbuild", "Snippet.csproj", "-nologo", "-getProperty:UsingEdgeSdk", "-getProperty:OutputType");
        code.Should().Be(0, $"the snippet at {snippet} should evaluate:\n{project}\n{output}");
        if (project.Contains("Sdk=\"EdgeSdk", StringComparison.Ordinal))
        {
            output.Should().Contain("\"UsingEdgeSdk\": \"true\"", snippet.ToString());
        }
    }

    [Fact]
    public void TheReadmeProjectAndRecipeBuild()
    {
        var readme = MarkdownSnippets.All(TestPaths.RepoRoot, "xml", "yaml").Where(s => s.File == "README.md").ToList();
        var project = readme.Single(s => s.Language == "xml").Text;
        var recipe = readme.Single(s => s.Language == "yaml").Text;
        project.Should().Contain("Recipe=\"digits.recipe.yaml\"");
        var dir = sdk.CreateProject("Readme", recipe, string.Empty, SdkPackageFixture.DigitsFiles(withTraining: true));
        File.WriteAllText(Path.Combine(dir, "Readme.csproj"), project.Replace("EdgeSdk/0.1.0", $"EdgeSdk/{sdk.Version}", StringComparison.Ordinal));
        File.Move(Path.Combine(dir, "recipe.yaml"), Path.Combine(dir, "digits.recipe.yaml"));
        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-nologo");
        code.Should().Be(0, log);
        File.Exists(Path.Combine(dir, "bin", "Debug", "net10.0", "edge", "digits_cnn", "model.onnx")).Should().BeTrue(log);
    }
}
