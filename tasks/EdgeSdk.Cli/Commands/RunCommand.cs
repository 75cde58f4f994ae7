// `edgesdk run RECIPE [--model PATH] [--out DIR] [--cache DIR] [--cache-dir DIR] [--remote-cache URL] [--remeasure]`:
// the MSBuild pipeline without MSBuild, with the same machine-wide and remote step caches.
// Writes the same artifacts (model.onnx, model.ort, report.md, report.html, manifest.json) to DIR/<model>/ and exits
// 1 when a budget is missed (then DIR/<model>/ keeps its last good set and the failed set goes to the work folder's
// <model>/failed/), 2 on invalid input.
using System.CommandLine;
using EdgeSdk.Api;

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

    private static int Execute(string recipePath, string? modelOverride, string outDir, string? cacheDir, int threads, string[] properties, StepCacheSettings cacheSettings, bool remeasure)
    {
        outDir = Path.GetFullPath(outDir);
        using var stepCache = cacheSettings.Enabled ? cacheSettings.Open() : null;
        var settings = ConsoleProgress.Apply(new RunSettings
        {
            Threads = threads,
            Remeasure = remeasure,
            Report = d => Console.Error.WriteLine(d.ToString()),
            Cache = stepCache,
        });
        var planned = EdgeEngine.Plan(
            new PlanRequest
            {
                RecipePath = Path.GetFullPath(recipePath),
                ModelPath = modelOverride is null ? null : Path.GetFullPath(modelOverride),
                IntermediateDirectory = Path.GetFullPath(cacheDir ?? Path.Combine(outDir, ".edge-cache")),
                TargetsDirectory = SdkLayout.TargetsDirectory,
                StockRecipesDirectory = SdkLayout.StockRecipesDirectory,
                Properties = PropertyArguments.Parse(properties),
            },
            settings);
        CliOutput.Write(planned.Diagnostics);
        if (planned.Pipeline is null)
        {
            return 2;
        }

        var result = EdgeEngine.RunPipeline(planned.Pipeline.PlanFile, outDir, settings);
        CliOutput.Write(result.Finish.Diagnostics);
        Console.WriteLine(File.ReadAllText(Path.Combine(result.OutputDirectory, "report.md")));
        Console.WriteLine($"steps run: {(result.StepsRun.Count == 0 ? "none (cached)" : string.Join(", ", result.StepsRun))}; evaluation {(result.Evaluated ? "ran" : "cached")}; {SourceSummary(result.Sources)}{(result.Finish.Passed ? "artifacts in" : "budget missed: nothing published to " + Path.Combine(outDir, result.Finish.ModelName) + "; the failed set is in")} {result.OutputDirectory}");
        return result.Finish.Passed ? 0 : 1;
    }

    private static string SourceSummary(StepSources s) =>
        s.Computed + s.LocalCache + s.RemoteCache == 0 ? string.Empty : $"passes computed: {s.Computed}, from local cache: {s.LocalCache}, from remote cache: {s.RemoteCache}; ";
}
