// The committed recipes/recipe.schema.json is what the generator produces now (regenerate with
// `dotnet run --project tasks/EdgeSdk.Cli -- schema --out recipes/recipe.schema.json`), every stock recipe
// and the sample recipe validate against it, and it rejects the mistakes the loader rejects.
using System.Text.Json.Nodes;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class RecipeSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(TestPaths.RepoRoot, "recipes", "recipe.schema.json");
    private static readonly Lazy<JsonSchemaSubsetValidator> Validator = new(() => new((JsonObject)JsonNode.Parse(File.ReadAllText(SchemaPath))!));

    public static TheoryData<string> StockRecipes()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "recipes"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void CommittedSchemaIsUpToDate()
    {
        var generated = RecipeSchemaGenerator.Generate(PassCatalog.All, TargetCatalog.Load(Path.Combine(TestPaths.RepoRoot, "targets")).Names);

        File.ReadAllText(SchemaPath).ReplaceLineEndings("\n").Should().Be(generated, "recipes/recipe.schema.json must be regenerated with `dotnet run --project tasks/EdgeSdk.Cli -- schema --out recipes/recipe.schema.json`");
    }

    [Fact]
    public void ThereAreStockRecipesForTheCommonCases()
    {
        Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "recipes"), "*.yaml").Select(Path.GetFileName).Should().Contain(["cnn-int8-cpu.yaml", "transformer-dynamic-int8.yaml", "mcu-size-first.yaml", "cpu-latency-search.yaml", "cpu-latency-prune-search.yaml"]);
    }

    [Theory]
    [MemberData(nameof(StockRecipes))]
    public void StockRecipeValidatesAgainstTheSchemaAndTheLoader(string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "recipes", name);

        Validator.Value.Validate(YamlToJson.Load(path)).Should().BeEmpty();
        var loaded = RecipeLoader.Load(path, Options() with { AllowIncomplete = true });
        loaded.Diagnostics.Should().BeEmpty();
        loaded.Recipe!.Passes.Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(StockRecipes))]
    public void StockRecipeExtendedWithTheDigitsFixtureIsComplete(string name)
    {
        var dir = TestPaths.NewTempDir("stock");
        var recipe = Path.Combine(dir, "digits.yaml");
        File.WriteAllText(recipe, $"""
            recipe: 1
            extends: {Path.GetFileNameWithoutExtension(name)}
            model: {TestPaths.Model("digits_cnn")}
            data:
              calibration: {"{"}inputs: {TestPaths.Data("digits", "train_x.npy")}, samples: 100, shuffle: true, seed: 1{"}"}
              training: {"{"}inputs: {TestPaths.Data("digits", "train_x.npy")}, labels: {TestPaths.Data("digits", "train_y.npy")}{"}"}
              evaluation: {"{"}inputs: {TestPaths.Data("digits", "test_x.npy")}, labels: {TestPaths.Data("digits", "test_y.npy")}{"}"}
            """);

        var loaded = RecipeLoader.Load(recipe, Options());

        loaded.Diagnostics.Should().BeEmpty();
        loaded.Recipe!.Extends.Should().ContainSingle().Which.Should().EndWith(name);
        loaded.Recipe.ModelPath.Should().Be(TestPaths.Model("digits_cnn"));
        EdgeSdk.Data.DataSetLoader.Load(loaded.Recipe.Data.Calibration!, ["input"]).Count.Should().Be(100);
        EdgeSdk.Data.DataSetLoader.Load(loaded.Recipe.Data.Evaluation!, ["input"]).Count.Should().Be(400);
    }

    [Fact]
    public void SampleRecipeValidatesAgainstTheSchema()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "samples", "Digits", "digits.recipe.yaml");

        Validator.Value.Validate(YamlToJson.Load(path)).Should().BeEmpty();
    }

    [Fact]
    public void SchemaRejectsTheMistakesTheLoaderRejects()
    {
        var dir = TestPaths.NewTempDir("schema");
        var path = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(path, """
            recipe: 1
            evaluate: {task: multiclas, latency: {runs: 0}}
            budgets:
              - latency: {p90: 5 mins}
              - accuracy: {max_absolute_drop: 0.5 points, max_relative_drop: 1%}
            passes:
              - fuse: {fold_bn: true}
              - fusion
            target: {cores: 2}
            extra: 1
            """);

        var errors = Validator.Value.Validate(YamlToJson.Load(path));

        errors.Should().Contain(e => e.StartsWith("$: unknown property 'extra'"));
        errors.Should().Contain(e => e.StartsWith("$.evaluate"));
        errors.Should().Contain(e => e.StartsWith("$.target: missing 'profile'"));
        errors.Should().Contain(e => e.StartsWith("$.budgets[0]"));
        errors.Should().Contain(e => e.StartsWith("$.budgets[1]"));
        errors.Should().Contain(e => e.StartsWith("$.passes[0]"));
        errors.Should().Contain(e => e.StartsWith("$.passes[1]"));
    }

    [Fact]
    public void SchemaDescribesEveryPassParameter()
    {
        var schema = JsonNode.Parse(File.ReadAllText(SchemaPath))!;
        var variants = schema["properties"]!["passes"]!["anyOf"]![0]!["items"]!["oneOf"]!.AsArray();

        foreach (var (name, pass) in PassCatalog.All)
        {
            var variant = variants.Single(v => v!["required"]?[0]?.GetValue<string>() == name)!;
            var parameters = variant["properties"]![name]!["anyOf"]![0]!["properties"]!.AsObject();
            parameters.Select(p => p.Key).Should().Equal(pass.Options.Options.Select(p => p.Key));
        }
    }

    private static RecipeLoadOptions Options() => new()
    {
        TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
        StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
    };
}
