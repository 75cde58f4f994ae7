// The engine calls behind `edgesdk validate` and `edgesdk run`: check a recipe without running anything, and
// run a whole planned pipeline outside MSBuild (every stale step, the evaluation, the gate, artifacts copied)
// from the plan file EdgeEngine.Plan wrote, so the CLI plans exactly once per run like a build does.
using EdgeSdk.Caching;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;

namespace EdgeSdk.Api;

/// <summary>Entry points of the engine for adapters: recipe validation and whole-pipeline runs.</summary>
public static partial class EdgeEngine
{
    /// <summary>Loads and checks a recipe (every value, every pass's options, <c>extends</c>, <c>${Name}</c>) without running anything.</summary>
    /// <param name="request">The recipe and what it may refer to.</param>
    public static RecipeValidation Validate(ValidationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = RecipeLoader.Load(request.RecipePath, new RecipeLoadOptions
        {
            TargetsDirectory = request.TargetsDirectory,
            StockRecipesDirectory = request.StockRecipesDirectory,
            Properties = request.Properties,
            AllowIncomplete = request.IsBase,
        });
        return result.Succeeded && result.Recipe is { } recipe
            ? new RecipeValidation(true, result.Diagnostics, recipe.Passes.Count, recipe.Budgets.Count, recipe.Target.Name)
            : new RecipeValidation(false, result.Diagnostics, 0, 0, null);
    }

    /// <summary>
    /// Runs the pipeline of a plan file (<see cref="Plan"/>) end to end: each step whose record is stale (a cached step's
    /// warnings go to <see cref="RunSettings.Report"/> again), the evaluation unless current, the budgets, and publishes the
    /// whole set to <paramref name="outputDirectory"/>/&lt;model&gt;/ when the budgets are met, else to the work folder's
    /// <c>failed/</c> (<see cref="FinishOutcome.PublishDirectory"/>), leaving the output folder's last good set as it was.
    /// </summary>
    /// <param name="planFile">The plan file.</param>
    /// <param name="outputDirectory">The output root.</param>
    /// <param name="settings">How to run (threads, progress, cache, cancellation).</param>
    public static PipelineOutcome RunPipeline(string planFile, string outputDirectory, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = PlanFile.Read(planFile);
        var result = Cancellable(() => PipelineRunner.RunPlanned(file.Recipe, file.Plan, outputDirectory, Options(settings)));
        var sources = result.Finish.Manifest.Passes.Where(p => p.Source is not null).Select(p => p.Source!).ToList();
        return new PipelineOutcome(
            Outcome(file, planFile, result.Finish),
            result.StepsRun,
            result.Evaluated,
            result.OutputDirectory,
            new StepSources(sources.Count(s => s == CacheSource.Computed), sources.Count(s => s == CacheSource.Local), sources.Count(s => s == CacheSource.Remote)));
    }
}
