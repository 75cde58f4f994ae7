// Inputs to RecipeLoader besides the recipe file: where device profiles and stock recipes live, and the
// build properties ${Name} references in the recipe resolve to.
namespace EdgeSdk.Recipes;

/// <summary>Options for <c>RecipeLoader.Load</c>.</summary>
internal sealed record RecipeLoadOptions
{
    /// <summary>Gets the folder holding device profiles (<c>targets/*.yaml</c>).</summary>
    public string TargetsDirectory { get; init; } = string.Empty;

    /// <summary>Gets the folder holding stock recipes (<c>recipes/*.yaml</c>) that <c>extends</c> may name.</summary>
    public string StockRecipesDirectory { get; init; } = string.Empty;

    /// <summary>Gets build properties for <c>${Name}</c> substitution (case-insensitive, like MSBuild).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether files named by the recipe (model, data) must exist. Default true.</summary>
    public bool CheckFilesExist { get; init; } = true;

    /// <summary>
    /// Gets whether the recipe may be a base meant to be extended (a stock recipe): the checks that a
    /// complete recipe must pass (data sets the passes and budgets need) are skipped.
    /// </summary>
    public bool AllowIncomplete { get; init; }

    /// <summary>Gets the model that replaces the recipe's <c>model</c> (an EdgeModel item, or <c>edgesdk run --model</c>); the recipe's own model is then not required to exist.</summary>
    public string? ModelOverride { get; init; }
}
