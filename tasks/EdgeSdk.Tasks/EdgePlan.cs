// MSBuild task: validates each EdgeModel's recipe, plans its steps and writes their fingerprint files
// (only when changed), returning one item per step and one per pipeline for the incremental targets.
// A recipe with a `search:` section is searched here first (trials are cached steps), and the chosen
// trial's plan is the one returned, its steps already filled from the search's store.
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Plans the optimization pipeline of every <c>EdgeModel</c> item.</summary>
public sealed class EdgePlan : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the <c>EdgeModel</c> items (metadata <c>Recipe</c>, optional <c>OutputName</c>).</summary>
    [Required]
    public ITaskItem[] Models { get; set; } = [];

    /// <summary>Gets or sets the project folder (relative paths resolve against it).</summary>
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder for step outputs (<c>$(IntermediateOutputPath)edge/</c>).</summary>
    [Required]
    public string IntermediateDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder of device target profiles.</summary>
    public string TargetsDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the folder of stock recipes (for <c>extends</c>).</summary>
    public string StockRecipesDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets build properties recipes may reference as <c>${Name}</c> (<c>A=1;B=2</c>).</summary>
    public string RecipeProperties { get; set; } = string.Empty;

    /// <summary>Gets or sets the thread count for the search's trials (0 = the recipe's).</summary>
    public int Threads { get; set; }

    /// <summary>Gets one item per step, with metadata <c>InputModel</c>, <c>OutputModel</c>, <c>FingerprintFile</c>, <c>StepIndex</c>.</summary>
    [Output]
    public ITaskItem[] Steps { get; private set; } = [];

    /// <summary>Gets one item per model, with metadata <c>StageModels</c>, <c>EvaluationFile</c>, <c>EvaluationFingerprintFile</c>.</summary>
    [Output]
    public ITaskItem[] Pipelines { get; private set; } = [];

    /// <inheritdoc/>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc/>
    public override bool Execute() => MSBuildDiagnostics.Guard(Log, ExecuteCore);

    private bool ExecuteCore()
    {
        var steps = new List<ITaskItem>();
        var pipelines = new List<ITaskItem>();
        var intermediate = Path.GetFullPath(Path.Combine(ProjectDirectory, IntermediateDirectory));
        foreach (var model in Models)
        {
            MSBuildDiagnostics.Run(Log, () =>
            {
                var recipePath = Path.GetFullPath(Path.Combine(ProjectDirectory, model.GetMetadata("Recipe")));
                var modelPath = Path.GetFullPath(Path.Combine(ProjectDirectory, model.ItemSpec));
                var recipe = PipelineItems.LoadRecipe(Log, recipePath, modelPath, TargetsDirectory, StockRecipesDirectory, RecipeProperties);
                if (recipe is null)
                {
                    return false;
                }

                var outputName = NullIfEmpty(model.GetMetadata("OutputName"));
                var options = PipelineItems.RunOptions(Log, Threads, _cancel.Token);
                if (recipe.Search is not null)
                {
                    recipe = EdgeSdk.Search.SearchRunner.Run(recipe, modelPath, intermediate, outputName, options).Recipe;
                }

                var plan = PipelinePlanner.Plan(recipe, modelPath, intermediate, outputName);
                PipelinePlanner.WriteFingerprints(plan);
                if (recipe.Search is not null)
                {
                    EdgeSdk.Search.SearchRunner.Prefill(recipe, plan, options);
                }
                foreach (var step in plan.Steps)
                {
                    var item = PipelineItems.Describe(step.OutputModel, plan, intermediate, TargetsDirectory, StockRecipesDirectory, RecipeProperties);
                    item.SetMetadata("StepIndex", step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    item.SetMetadata("InputModel", step.InputModel);
                    item.SetMetadata("OutputModel", step.OutputModel);
                    item.SetMetadata("FingerprintFile", step.FingerprintFile);
                    steps.Add(item);
                }

                var pipeline = PipelineItems.Describe(plan.EvaluationFile, plan, intermediate, TargetsDirectory, StockRecipesDirectory, RecipeProperties);
                pipeline.SetMetadata("StageModels", string.Join(";", plan.StageModels));
                pipeline.SetMetadata("EvaluationFile", plan.EvaluationFile);
                pipeline.SetMetadata("EvaluationFingerprintFile", plan.EvaluationFingerprintFile);
                pipelines.Add(pipeline);
                return true;
            });
        }

        Steps = [.. steps];
        Pipelines = [.. pipelines];
        return !Log.HasLoggedErrors;
    }

    private static string? NullIfEmpty(string s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
