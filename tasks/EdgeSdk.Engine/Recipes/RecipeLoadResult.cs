// What RecipeLoader returns: the recipe when it is valid, and every diagnostic found (all at once).
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>The outcome of loading a recipe.</summary>
/// <param name="Recipe">The recipe, or null when any error was found.</param>
/// <param name="Diagnostics">Every error and warning, in file order.</param>
internal sealed record RecipeLoadResult(Recipe? Recipe, IReadOnlyList<EdgeDiagnostic> Diagnostics)
{
    /// <summary>Gets whether any value of the recipe or its <c>extends</c> chain used a build property (<c>${Name}</c>).</summary>
    public bool UsedProperties { get; init; }

    /// <summary>Gets whether the recipe loaded without errors.</summary>
    public bool Succeeded => Recipe is not null && Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error);

    /// <summary>Returns the recipe or throws an <see cref="EdgeException"/> carrying every error.</summary>
    public Recipe GetRecipeOrThrow() => Succeeded ? Recipe! : throw new EdgeException(Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
}
