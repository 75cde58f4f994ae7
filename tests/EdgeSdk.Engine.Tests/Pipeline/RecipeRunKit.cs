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

    /// <summary>Writes and loads a quick recipe in a new temporary folder: digits_mlp, fuse only, 100 labelled evaluation samples, 5 timed runs, on <paramref name="target"/>.</summary>
    public static (string Dir, Recipe Recipe) FuseDigitsMlp(string folder, string target = "x86-avx2")
    {
        var dir = TestPaths.NewTempDir(folder);
        var path = Path.Combine(dir, "recipe.yaml");
        File.WriteAllText(path, $$"""
            recipe: 1
            model: {{TestPaths.Model("digits_mlp")}}
            target: {{target}}
            data:
              evaluation: {inputs: {{TestPaths.Data("digits", "test_x.npy")}}, labels: {{TestPaths.Data("digits", "test_y.npy")}}, samples: 100}
            evaluate:
              task: multiclass
              metrics: [accuracy]
              latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
            passes:
              - fuse
            """.ReplaceLineEndings("\n"));
        return (dir, Load(path));
    }

    /// <summary>Runs a loaded recipe on its own model, publishing to <c>dir/out</c> with step files in <c>dir/cache</c>.</summary>
    public static PipelineRunResult Run(Recipe recipe, string dir, PipelineRunOptions? options = null) =>
        PipelineRunner.Run(recipe, recipe.ModelPath!, Path.Combine(dir, "out"), Path.Combine(dir, "cache"), options ?? new PipelineRunOptions());
}
