// Converts between MSBuild items and engine plans: the EdgePlan task stores everything a later task needs
// as item metadata, and later tasks rebuild the same plan from it (recipes are small; planning is cheap).
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Item metadata names and the plan they describe.</summary>
internal static class PipelineItems
{
    /// <summary>Loads the recipe named by an item's metadata, logging every recipe diagnostic; null when it has errors.</summary>
    public static Recipe? LoadRecipe(TaskLoggingHelper log, string recipePath, string modelPath, string targetsDirectory, string stockRecipesDirectory, string properties)
    {
        var result = RecipeLoader.Load(recipePath, new RecipeLoadOptions
        {
            ModelOverride = modelPath,
            TargetsDirectory = targetsDirectory,
            StockRecipesDirectory = stockRecipesDirectory,
            Properties = ParseProperties(properties),
        });
        foreach (var d in result.Diagnostics)
        {
            MSBuildDiagnostics.Log(log, d);
        }

        return result.Succeeded ? result.Recipe : null;
    }

    /// <summary>Rebuilds the plan from an item created by <see cref="EdgePlan"/>.</summary>
    public static (Recipe Recipe, PipelinePlan Plan)? Rebuild(TaskLoggingHelper log, ITaskItem item)
    {
        var recipe = LoadRecipe(log, item.GetMetadata("Recipe"), item.GetMetadata("Model"), item.GetMetadata("TargetsDirectory"), item.GetMetadata("StockRecipesDirectory"), item.GetMetadata("RecipeProperties"));
        if (recipe is null)
        {
            return null;
        }

        var plan = PipelinePlanner.Plan(recipe, item.GetMetadata("Model"), item.GetMetadata("IntermediateDirectory"), item.GetMetadata("ModelName"));
        if (recipe.Search is not null)
        {
            // The search ran in EdgePlan; later tasks rebuild the chosen trial's plan from its stored choice.
            recipe = EdgeSdk.Search.SearchRunner.ApplyStoredChoice(recipe, plan.WorkDirectory);
            plan = PipelinePlanner.Plan(recipe, item.GetMetadata("Model"), item.GetMetadata("IntermediateDirectory"), item.GetMetadata("ModelName"));
        }

        return (recipe, plan);
    }

    /// <summary>Copies the metadata every pipeline item carries.</summary>
    public static TaskItem Describe(string identity, PipelinePlan plan, string intermediateDirectory, string targetsDirectory, string stockRecipesDirectory, string properties)
    {
        var item = new TaskItem(identity);
        item.SetMetadata("Recipe", plan.RecipePath);
        item.SetMetadata("Model", plan.ModelPath);
        item.SetMetadata("ModelName", plan.ModelName);
        item.SetMetadata("IntermediateDirectory", intermediateDirectory);
        item.SetMetadata("TargetsDirectory", targetsDirectory);
        item.SetMetadata("StockRecipesDirectory", stockRecipesDirectory);
        item.SetMetadata("RecipeProperties", properties);
        return item;
    }

    /// <summary>Parses <c>A=1;B=2</c> into a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ParseProperties(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Length > 0)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds run options that report progress and warnings through MSBuild at a readable rate.</summary>
    public static PipelineRunOptions RunOptions(TaskLoggingHelper log, int threads, CancellationToken token, bool remeasure = false) => new()
    {
        Threads = threads,
        Remeasure = remeasure,
        Progress = new EdgeSdk.Evaluation.ThrottledProgress(
            u => log.LogMessage(MessageImportance.High, "  EdgeSdk: " + EdgeSdk.Evaluation.ThrottledProgress.Format(u)),
            EdgeSdk.Evaluation.ThrottledProgress.LogInterval),
        Report = d => MSBuildDiagnostics.Log(log, d),
        Cancellation = token,
    };
}
