// The one way the engine tests load a recipe with the repository's stock targets and recipes and run it
// end to end through the pipeline (as `edgesdk run` does), with outputs in <dir>/out and steps in <dir>/cache.
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;

namespace EdgeSdk.Tests;

internal static class RecipeRunKit
{
    /// <summary>The load options every end-to-end test uses: the repository's targets/ and recipes/.</summary>
    public static RecipeLoadOptions StockOptions => new()
    {
        TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
        StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
    };

    /// <summary>Loads a recipe that must be valid.</summary>
    public static Recipe Load(string recipePath) => RecipeLoader.Load(recipePath, StockOptions).GetRecipeOrThrow();

    /// <summary>Runs a loaded recipe on its own model, publishing to <c>dir/out</c> with step files in <c>dir/cache</c>.</summary>
    public static PipelineRunResult Run(Recipe recipe, string dir, PipelineRunOptions? options = null) =>
        PipelineRunner.Run(recipe, recipe.ModelPath!, Path.Combine(dir, "out"), Path.Combine(dir, "cache"), options ?? new PipelineRunOptions());
}
