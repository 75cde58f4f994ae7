// Each stock recipe runs end to end on the digits CNN fixture (extended with the model and its data):
// its passes run, every budget is judged, and a missed budget is located in the stock recipe's file.
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class StockRecipeRunTests
{
    [Theory]
    [InlineData("cleanup", new string[0])]
    [InlineData("cnn-int8-cpu", new string[0])]
    [InlineData("transformer-dynamic-int8", new string[0])]
    [InlineData("mcu-size-first", new[] { "memory.max" })]
    public void StockRecipeRunsOnTheDigitsCnn(string stock, string[] expectedMisses)
    {
        var dir = TestPaths.NewTempDir("stock-run");
        var path = Path.Combine(dir, "digits.yaml");
        File.WriteAllText(path, $$"""
            recipe: 1
            extends: {{stock}}
            model: {{TestPaths.Model("digits_cnn")}}
            data:
              evaluation: {inputs: {{TestPaths.Data("digits", "test_x.npy")}}, labels: {{TestPaths.Data("digits", "test_y.npy")}}}
            evaluate:
              latency: {warmup: 2, runs: 20}
            """);
        var recipe = RecipeLoader.Load(path, new RecipeLoadOptions
        {
            TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
            StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
        }).GetRecipeOrThrow();

        var result = PipelineRunner.Run(recipe, recipe.ModelPath!, Path.Combine(dir, "out"), Path.Combine(dir, "cache"), new PipelineRunOptions());

        result.StepsRun.Should().HaveCount(recipe.Passes.Count);
        result.Finish.Manifest.Budgets.Select(b => b.Name).Should().Equal(recipe.Budgets.Select(b => b.Name));
        result.Finish.Manifest.Budgets.Where(b => !b.Passed).Select(b => b.Name).Should().BeEquivalentTo(expectedMisses);
        var errors = result.Finish.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.Should().HaveCount(expectedMisses.Length);
        errors.All(d => d.Location!.File == Path.Combine(TestPaths.RepoRoot, "recipes", stock + ".yaml") && d.Location.Line > 0).Should().BeTrue();
    }
}
