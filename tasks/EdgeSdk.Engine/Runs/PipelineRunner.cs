// Runs a whole pipeline outside MSBuild (the CLI): plan, run each step whose recorded fingerprint differs
// from the plan's, evaluate when any stage or the evaluation settings changed, judge budgets and copy
// the artifacts. MSBuild reaches the same decisions through target Inputs/Outputs.
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;

namespace EdgeSdk.Runs;

/// <summary>The outcome of a CLI pipeline run.</summary>
/// <param name="Finish">Budgets, manifest and artifacts.</param>
/// <param name="StepsRun">Indices of the steps that ran (the others were up to date).</param>
/// <param name="Evaluated">Whether the evaluation ran.</param>
/// <param name="OutputDirectory">Where the artifacts were copied.</param>
/// <param name="Search">What the recipe's search did, or null without a search section.</param>
internal sealed record PipelineRunResult(FinishResult Finish, IReadOnlyList<int> StepsRun, bool Evaluated, string OutputDirectory, Search.SearchRunResult? Search = null);

/// <summary>Runs a recipe end to end with a step cache.</summary>
internal static class PipelineRunner
{
    /// <summary>Runs the pipeline and copies the artifacts to <paramref name="outputDirectory"/>/&lt;model&gt;/.</summary>
    public static PipelineRunResult Run(Recipe recipe, string modelPath, string outputDirectory, string cacheDirectory, PipelineRunOptions options)
    {
        var search = recipe.Search is null ? null : Search.SearchRunner.Run(recipe, modelPath, cacheDirectory, null, options);
        recipe = search?.Recipe ?? recipe;
        var plan = PipelinePlanner.Plan(recipe, modelPath, cacheDirectory, threads: options.Threads);
        PipelinePlanner.WriteFingerprints(plan);
        foreach (var warning in WorkFileCheck.Repair(plan))
        {
            options.Report(warning);
        }

        if (search is not null)
        {
            Search.SearchRunner.Prefill(recipe, plan, options);
        }

        PlanFile.Write(recipe, plan);
        return RunPlanned(recipe, plan, outputDirectory, options) with { Search = search };
    }

    /// <summary>
    /// Runs an already planned pipeline (<see cref="PlanFile"/> written): each step whose record is stale, the
    /// evaluation unless current, the gate, and copies the artifacts to <paramref name="outputDirectory"/>/&lt;model&gt;/.
    /// </summary>
    public static PipelineRunResult RunPlanned(Recipe recipe, PipelinePlan plan, string outputDirectory, PipelineRunOptions options)
    {
        var ran = new List<int>();
        var rerunRest = false;
        foreach (var step in plan.Steps)
        {
            var record = StepRecord.TryRead(step.RecordFile);
            if (rerunRest || record?.Fingerprint != step.Fingerprint || !File.Exists(step.OutputModel))
            {
                StepRunner.Run(recipe, plan, step, options);
                ran.Add(step.Index);
                rerunRest = true;
            }
            else
            {
                // A cached step's warnings still apply to its output: show them again (those that depend on the host for this host).
                foreach (var warning in record is null ? [] : StepHostWarnings.ForHost(record, recipe, step, options.Host).Diagnostics)
                {
                    options.Report(warning.ToWarning());
                }
            }
        }

        var evaluated = StageEvaluator.EnsureEvaluated(recipe, plan, options);
        var outDir = Path.Combine(outputDirectory, plan.ModelName);
        var finish = PipelineFinisher.Finish(recipe, plan, Path.Combine(outDir, "report.md"), options.Cache, options.Report, options.Host);
        new EdgeSdk.IO.ArtifactSetPublisher(outputDirectory, plan.ModelName).Publish([.. finish.Publish.Select(a => a.Path)], options.Cancellation);

        return new PipelineRunResult(finish, ran, evaluated, outDir);
    }
}
