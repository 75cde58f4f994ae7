// Entry point of the recipe language: reads a recipe file (with its `extends` chain), validates it
// strictly and returns the recipe together with every diagnostic, sorted by file and position. It never
// throws for mistakes in the recipe; the caller decides how to report them.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;

namespace EdgeSdk.Recipes;

/// <summary>Loads and validates recipes.</summary>
internal static class RecipeLoader
{
    /// <summary>Loads the recipe at <paramref name="path"/>.</summary>
    public static RecipeLoadResult Load(string path, RecipeLoadOptions options) => Load(path, options, PassCatalog.All);

    /// <summary>Loads the recipe at <paramref name="path"/>, validating passes against <paramref name="passCatalog"/>.</summary>
    public static RecipeLoadResult Load(string path, RecipeLoadOptions options, IReadOnlyDictionary<string, IPass> passCatalog)
    {
        var full = Path.GetFullPath(path);
        var context = new YamlReadContext(full);
        if (!File.Exists(full))
        {
            context.Error(DiagnosticCatalog.Recipes.RecipeNotFound, $"The recipe '{path}' does not exist.", new SourceLocation(full));
            return new RecipeLoadResult(null, context.Diagnostics);
        }

        var chain = new List<string>();
        var root = RecipeMerger.LoadMerged(context, full, options, chain);
        var recipe = root is null ? null : RecipeReader.Read(context, root, full, options, chain, passCatalog);
        var diagnostics = DiagnosticOrder.Sort(context.Diagnostics, full);
        return new RecipeLoadResult(context.HasErrors ? null : recipe, diagnostics) { UsedProperties = context.UsedProperties };
    }
}
