// Enforces the "adding a pass" checklist of docs/architecture.md for every pass in the catalogue: an
// options type, a recipe name and version, its options in recipes/README.md, its entry in the committed
// schema (regenerated from the catalogue), and a test folder mirroring its engine folder.
using System.Text.Json.Nodes;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Passes;

public sealed class PassChecklistTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "recipes", "README.md"));

    public static TheoryData<string> PassNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in PassCatalog.All.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void TheCatalogueHasEveryPass() => PassCatalog.All.Keys.Should().Contain(["fuse", "quantize", "prune", "lowrank", "finetune", "distill", "qat"]);

    [Theory]
    [MemberData(nameof(PassNames))]
    public void EveryPassHasARecipeNameAndVersion(string name)
    {
        var pass = PassCatalog.All[name];

        pass.Descriptor.Name.Should().Be(name).And.MatchRegex("^[a-z][a-z0-9_]*$");
        pass.Descriptor.Version.Should().BeGreaterThanOrEqualTo(1, "the version enters step fingerprints");
        pass.Descriptor.Description.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [MemberData(nameof(PassNames))]
    public void EveryPassDeclaresItsOptions(string name)
    {
        var pass = PassCatalog.All[name];

        pass.Options.Pass.Should().Be(name);
        pass.Options.Options.Select(o => o.Key).Should().OnlyHaveUniqueItems().And.OnlyContain(k => System.Text.RegularExpressions.Regex.IsMatch(k, "^[a-z][a-z0-9_]*$"));
        pass.Options.Options.Should().OnlyContain(o => !string.IsNullOrWhiteSpace(o.Description));
        var typed = pass.GetType().BaseType;
        typed.Should().NotBeNull();
        typed!.IsGenericType.Should().BeTrue("a pass derives from Pass<TOptions>");
        typed.GetGenericTypeDefinition().Should().Be(typeof(Pass<>));
        typed.GetGenericArguments()[0].Namespace.Should().StartWith("EdgeSdk.Passes", "a pass's options type lives with the pass");
    }

    [Theory]
    [MemberData(nameof(PassNames))]
    public void ReadmeDocumentsEveryPassOption(string name)
    {
        Readme.Should().Contain($"`{name}`");
        foreach (var option in PassCatalog.All[name].Options.Options)
        {
            Readme.Should().Contain($"`{option.Key}`", $"recipes/README.md documents the '{name}' option '{option.Key}'");
        }
    }

    [Theory]
    [MemberData(nameof(PassNames))]
    public void SchemaListsEveryPass(string name)
    {
        var committed = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "recipes", "recipe.schema.json"));
        var generated = RecipeSchemaGenerator.Generate(PassCatalog.All, TargetCatalog.Load(Path.Combine(TestPaths.RepoRoot, "targets")).Names);

        JsonNode.DeepEquals(JsonNode.Parse(committed), JsonNode.Parse(generated)).Should().BeTrue("recipes/recipe.schema.json is generated: run `dotnet run --project tasks/EdgeSdk.Cli -- schema --out recipes/recipe.schema.json`");
        committed.Should().Contain($"\"{name}\"");
    }

    [Theory]
    [MemberData(nameof(PassNames))]
    public void EveryPassHasATestFolder(string name)
    {
        var engineFolder = PassCatalog.All[name].GetType().Namespace!["EdgeSdk.".Length..].Replace('.', Path.DirectorySeparatorChar);
        var testFolder = Path.Combine(TestPaths.RepoRoot, "tests", "EdgeSdk.Engine.Tests", engineFolder);

        Directory.Exists(testFolder).Should().BeTrue($"the tests of '{name}' live in tests/EdgeSdk.Engine.Tests/{engineFolder}, mirroring tasks/EdgeSdk.Engine/{engineFolder}");
        Directory.EnumerateFiles(testFolder, "*Tests.cs").Should().NotBeEmpty();
    }
}
