// What planning depends on, as files and folder listings: the model, the recipe and its `extends` chain,
// the target profiles (every one is read and validated), the stock recipes' names (`extends: <name>`), the data
// files and the files pass options name (probed whether or not they exist). While none of them changes, planning
// again writes the same plan, fingerprints and diagnostics, so the EdgePlan task can skip it on a no-op build
// without loading the engine (tasks/EdgeSdk.Tasks/UpToDate/).
using EdgeSdk.Data;
using EdgeSdk.Recipes;

namespace EdgeSdk.Pipeline;

/// <summary>A file planning read, or a folder whose listing of <paramref name="ListPattern"/> it depended on.</summary>
/// <param name="Path">Absolute path.</param>
/// <param name="ListPattern">Null for a file; for a folder, the file names that count.</param>
/// <param name="Recursive">Whether a folder's sub-folders count.</param>
internal sealed record PlanInputFile(string Path, string? ListPattern = null, bool Recursive = false);

/// <summary>Lists the inputs of a plan.</summary>
internal static class PlanInputs
{
    /// <summary>Returns every input of planning <paramref name="recipe"/> into <paramref name="plan"/>, without duplicates.</summary>
    public static IReadOnlyList<PlanInputFile> Of(Recipe recipe, PipelinePlan plan, string targetsDirectory, string stockRecipesDirectory)
    {
        var inputs = new List<PlanInputFile> { new(plan.ModelPath), new(Path.GetFullPath(recipe.SourcePath)) };
        inputs.AddRange(recipe.Extends.Select(e => new PlanInputFile(Path.GetFullPath(e))));
        if (recipe.Target.SourceFile is { } targetFile)
        {
            inputs.Add(new PlanInputFile(Path.GetFullPath(targetFile)));
        }

        foreach (var directory in new[] { targetsDirectory, stockRecipesDirectory }.Where(d => !string.IsNullOrEmpty(d)))
        {
            var full = Path.GetFullPath(directory);
            inputs.Add(new PlanInputFile(full, "*.yaml"));
            if (directory == targetsDirectory && Directory.Exists(full))
            {
                inputs.AddRange(Directory.GetFiles(full, "*.yaml").Order(StringComparer.Ordinal).Select(f => new PlanInputFile(f)));
            }
        }

        foreach (var spec in new[] { recipe.Data.Calibration, recipe.Data.Training, recipe.Data.Evaluation }.OfType<DataSetSpec>())
        {
            inputs.AddRange(DataSetSpecFiles.Files(spec).Select(f => new PlanInputFile(f)));
            if (spec.Format == DataFormat.TensorProto && spec.File is { } folder && Directory.Exists(folder))
            {
                inputs.Add(new PlanInputFile(Path.GetFullPath(folder), "*.pb", Recursive: true));
            }
        }

        // The planner hashes every string option that names an existing file (relative to the recipe): a file that
        // appears later changes the fingerprint, so missing candidates count too.
        var recipeDir = Path.GetDirectoryName(Path.GetFullPath(recipe.SourcePath))!;
        foreach (var spec in recipe.Passes.Where(p => p.Enabled))
        {
            foreach (var (_, value) in spec.Options.Canonical)
            {
                if (value is string text && text.Length is > 0 and < 1024 && text.IndexOfAny(Path.GetInvalidPathChars()) < 0)
                {
                    inputs.Add(new PlanInputFile(Path.GetFullPath(Path.Combine(recipeDir, text))));
                }
            }
        }

        return inputs.Distinct().ToList();
    }
}
