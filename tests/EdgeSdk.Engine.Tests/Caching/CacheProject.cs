// A small project folder for pipeline-level cache tests: the digits MLP, its data and a two-step recipe
// (fuse, dynamic int8 quantize), copied to a fresh folder so that two copies live at different paths
// like two clones do. Runs the engine's pipeline with a given step cache.
using EdgeSdk.Caching;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;

namespace EdgeSdk.Tests.Caching;

/// <summary>One copy of a test project.</summary>
internal sealed record CacheProject(string Directory)
{
    /// <summary>The recipe every copy starts with.</summary>
    public const string Recipe = """
        recipe: 1
        model: models/digits_mlp.onnx
        target: x86-avx2
        data:
          calibration: {inputs: data/train_x.npy, samples: 64}
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 5 points}
        passes:
          - fuse
          - quantize: {mode: dynamic}
        """;

    /// <summary>Gets the recipe path.</summary>
    public string RecipePath => Path.Combine(Directory, "recipe.yaml");

    /// <summary>Gets the model path.</summary>
    public string Model => Path.Combine(Directory, "models", "digits_mlp.onnx");

    /// <summary>Gets the work folder (obj/ of the copy).</summary>
    public string Work => Path.Combine(Directory, "obj");

    /// <summary>Gets the artifacts folder.</summary>
    public string Out => Path.Combine(Directory, "out");

    /// <summary>Creates a copy in a fresh folder, with <paramref name="recipe"/> (default <see cref="Recipe"/>).</summary>
    public static CacheProject Create(string name, string recipe = Recipe)
    {
        var dir = TestPaths.NewTempDir("cache-project-" + name);
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "models"));
        System.IO.Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Copy(TestPaths.Model("digits_mlp"), Path.Combine(dir, "models", "digits_mlp.onnx"));
        foreach (var file in new[] { "train_x.npy", "test_x.npy", "test_y.npy" })
        {
            File.Copy(TestPaths.Data("digits", file), Path.Combine(dir, "data", file));
        }

        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), recipe);
        return new CacheProject(dir);
    }

    /// <summary>Loads the recipe.</summary>
    public Recipe LoadRecipe() => RecipeLoader.Load(RecipePath, new RecipeLoadOptions
    {
        TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
        StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
    }).GetRecipeOrThrow();

    /// <summary>Runs the whole pipeline with <paramref name="cache"/>.</summary>
    public PipelineRunResult Run(StepCache? cache, DiagnosticLog log) =>
        PipelineRunner.Run(LoadRecipe(), Model, Out, Work, new PipelineRunOptions { Cache = cache, Report = log.Report });

    /// <summary>Gets the sources of the steps in the manifest, in order.</summary>
    public static IReadOnlyList<string?> Sources(PipelineRunResult result) => result.Finish.Manifest.Passes.Select(p => p.Source).ToList();

    /// <summary>Gets the bytes of the model artifacts.</summary>
    public (byte[] Onnx, byte[] Ort) Artifacts(PipelineRunResult result) =>
        (File.ReadAllBytes(Path.Combine(result.OutputDirectory, "model.onnx")), File.ReadAllBytes(Path.Combine(result.OutputDirectory, "model.ort")));
}
