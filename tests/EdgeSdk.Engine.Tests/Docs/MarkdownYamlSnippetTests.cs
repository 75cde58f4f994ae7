// Every YAML snippet in every Markdown file of the repository goes through the recipe loader, so a key
// renamed or removed in the language cannot survive in the docs (README.md once showed
// `calibration_method`, which is not a parameter). A complete recipe (with `recipe:`) is loaded as it is;
// a fragment (one section, e.g. `passes:`) is loaded on top of a complete base recipe through `extends`.
// Files the snippets name need not exist. `<!-- snippet: not-a-recipe -->` above a fence marks other
// YAML (a CI workflow, say), which must still parse.
using EdgeSdk.Evaluation;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Tests.Docs;

public sealed class MarkdownYamlSnippetTests
{
    // Evaluates every multiclass metric, so a budget fragment may name any of them.
    private static readonly string BaseRecipe = """
        recipe: 1
        target: host
        data:
          calibration: {inputs: data/train_x.npy}
          training: {inputs: data/train_x.npy, labels: data/train_y.npy}
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [METRICS]
        passes:
          - fuse
        """.Replace("METRICS", string.Join(", ", MetricNames.Multiclass), StringComparison.Ordinal);

    public static TheoryData<MarkdownSnippet> Snippets()
    {
        var data = new TheoryData<MarkdownSnippet>();
        foreach (var s in MarkdownSnippets.All(TestPaths.RepoRoot, "yaml", "yml"))
        {
            data.Add(s);
        }

        return data;
    }

    [Fact]
    public void TheRepositoryHasYamlSnippets() => Snippets().Count.Should().BeGreaterThan(20);

    [Theory]
    [MemberData(nameof(Snippets))]
    public void SnippetIsAValidRecipeOrRecipeFragment(MarkdownSnippet snippet)
    {
        var stream = new YamlStream();
        var parse = () => stream.Load(new StringReader(snippet.Text));
        parse.Should().NotThrow($"{snippet} must be valid YAML");
        if (snippet.Annotation == "not-a-recipe")
        {
            return;
        }

        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        var keys = root.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).ToList();
        var text = snippet.Text;
        keys.Should().OnlyContain(k => RecipeReader.Keys.Contains(k), $"{snippet} should be a recipe or a recipe section (or carry <!-- snippet: not-a-recipe -->)");

        // The layout lets `extends: ../shared/base.yaml` in the docs resolve to the base recipe.
        var dir = TestPaths.NewTempDir("edgesdk-doc-yaml");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "shared"));
            Directory.CreateDirectory(Path.Combine(dir, "doc"));
            File.WriteAllText(Path.Combine(dir, "shared", "base.yaml"), BaseRecipe);
            var complete = keys.Contains("recipe");
            var ownExtends = keys.Contains("extends");
            var recipe = complete ? text : "recipe: 1\n" + (ownExtends ? string.Empty : "extends: ../shared/base.yaml\n") + text;
            var path = Path.Combine(dir, "doc", "snippet.yaml");
            File.WriteAllText(path, recipe);
            var loaded = RecipeLoader.Load(path, new RecipeLoadOptions
            {
                TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
                StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
                CheckFilesExist = false,
                AllowIncomplete = ownExtends && !complete,
                ModelOverride = keys.Contains("model") ? null : Path.Combine(dir, "doc", "model.onnx"),
                Properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Configuration"] = "Release" },
            });
            var errors = loaded.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            errors.Should().BeEmpty($"the snippet at {snippet} should load:\n{recipe}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
