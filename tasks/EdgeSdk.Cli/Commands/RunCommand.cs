// `edgesdk run RECIPE [--model PATH] [--out DIR] [--cache DIR] [--cache-dir DIR] [--remote-cache URL] [--remeasure]`:
// the MSBuild pipeline without MSBuild, with the same machine-wide and remote step caches.
// Writes the same artifacts (model.onnx, report.md, manifest.json) to DIR/<model>/ and exits 1 when a
// budget is missed, 2 on invalid input.
using System.CommandLine;
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>run</c> command.</summary>
internal sealed class RunCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var recipe = new Argument<string>("recipe") { Description = "The recipe (YAML)." };
        var model = new Option<string?>("--model") { Description = "Overrides the recipe's model (paths in the recipe resolve against the recipe's folder)." };
        var output = new Option<string?>("--out") { Description = "Output folder; artifacts go to OUT/<model>/ (default: ./edge)." };
        var cache = new Option<string?>("--cache") { Description = "Work folder for step outputs and records (default: OUT/.edge-cache)." };
        var cacheOptions = new CacheOptions();
        var threads = new Option<int>("--threads") { Description = "Threads for ONNX Runtime and passes (default: the recipe's)." };
        var properties = new Option<string[]>("--property", "-p") { Description = "Build property for ${Name} substitution, as Name=Value.", AllowMultipleArgumentsPerToken = true };
        var remeasure = new Option<bool>("--remeasure") { Description = "Time every stage again (interleaved) even when a cached measurement exists; passes and metrics are not re-run." };
        var command = new Command("run", "Run a recipe's pipeline: passes, evaluation, budgets, artifacts.") { recipe, model, output, cache, threads, properties, remeasure };
        cacheOptions.AddTo(command, withRemote: true);
        command.SetAction(parse => CliOutput.Run(() => Execute(
            parse.GetValue(recipe)!,
            parse.GetValue(model),
            parse.GetValue(output) ?? Path.Combine(Environment.CurrentDirectory, "edge"),
            parse.GetValue(cache),
            parse.GetValue(threads),
            parse.GetValue(properties) ?? [],
            cacheOptions.Resolve(parse),
            parse.GetValue(remeasure))));
        return command;
    }

    private static int Execute(string recipePath, string? modelOverride, string outDir, string? cacheDir, int threads, string[] properties, CacheSettings cacheSettings, bool remeasure)
    {
        var loaded = RecipeLoader.Load(Path.GetFullPath(recipePath), new RecipeLoadOptions
        {
            TargetsDirectory = SdkLayout.TargetsDirectory,
            StockRecipesDirectory = SdkLayout.StockRecipesDirectory,
            ModelOverride = modelOverride is null ? null : Path.GetFullPath(modelOverride),
            Properties = properties.Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase),
        });
        CliOutput.Write(loaded.Diagnostics);
        if (!loaded.Succeeded || loaded.Recipe is null)
        {
            return 2;
        }

        var recipe = loaded.Recipe;
        var modelPath = recipe.ModelPath;
        if (string.IsNullOrEmpty(modelPath))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.ModelNotGiven, "The recipe names no model; add 'model:' to the recipe or pass --model.", new SourceLocation(recipe.SourcePath));
        }

        outDir = Path.GetFullPath(outDir);
        using var stepCache = cacheSettings.Enabled ? new StepCache(cacheSettings) : null;
        var result = PipelineRunner.Run(recipe, modelPath, outDir, Path.GetFullPath(cacheDir ?? Path.Combine(outDir, ".edge-cache")), new PipelineRunOptions
        {
            Threads = threads,
            Remeasure = remeasure,
            Progress = ConsoleProgress.Create(),
            Report = d => Console.Error.WriteLine(d.ToString()),
            Cache = stepCache,
        });
        CliOutput.Write(result.Finish.Diagnostics);
        Console.WriteLine(File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md")));
        Console.WriteLine($"steps run: {(result.StepsRun.Count == 0 ? "none (cached)" : string.Join(", ", result.StepsRun))}; evaluation {(result.Evaluated ? "ran" : "cached")}; {SourceSummary(result)}artifacts in {result.OutputDirectory}");
        return result.Finish.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) ? 1 : 0;
    }

    private static string SourceSummary(PipelineRunResult result)
    {
        var sources = result.Finish.Manifest.Passes.Where(p => p.Source is not null).Select(p => p.Source!).ToList();
        return sources.Count == 0 ? string.Empty : $"passes computed: {sources.Count(s => s == CacheSource.Computed)}, from local cache: {sources.Count(s => s == CacheSource.Local)}, from remote cache: {sources.Count(s => s == CacheSource.Remote)}; ";
    }
}
