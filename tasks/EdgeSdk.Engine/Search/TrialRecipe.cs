// Turns a trial's option values into the recipe that trial runs: the same recipe with the searched pass
// options overridden (and passes switched on or off), so a trial is an ordinary plan whose steps are
// fingerprinted and cached like any build's.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Options;
using EdgeSdk.Recipes;

namespace EdgeSdk.Search;

/// <summary>Applies trial values to a recipe.</summary>
internal static class TrialRecipe
{
    /// <summary>The reserved option that switches a pass on or off.</summary>
    public const string EnabledOption = SearchSpec.EnabledOption;

    /// <summary>Returns <paramref name="recipe"/> with <paramref name="assignment"/>'s values applied.</summary>
    public static Recipe Apply(Recipe recipe, TrialAssignment assignment)
    {
        var passes = recipe.Passes.ToList();
        for (var i = 0; i < assignment.Parameters.Count; i++)
        {
            var parameter = assignment.Parameters[i];
            var index = passes.FindIndex(p => p.Name == parameter.Pass);
            if (index < 0)
            {
                throw new EdgeException(DiagnosticCatalog.Search.UnknownSearchedPass, $"The search names pass '{parameter.Pass}', which the recipe's passes do not list.", parameter.Location);
            }

            passes[index] = With(passes[index], parameter, assignment.Value(i), Path.GetDirectoryName(Path.GetFullPath(recipe.SourcePath)) ?? ".");
        }

        return recipe with { Passes = passes };
    }

    private static PassSpec With(PassSpec pass, SearchParameter parameter, object? value, string recipeDirectory)
    {
        if (parameter.Option == EnabledOption)
        {
            return pass with { Enabled = value is true };
        }

        var binding = PassOptions.Bind(pass.Options, new Dictionary<string, OptionValue> { [parameter.Option] = new(value, parameter.Location) }, recipeDirectory);
        return binding.Options is { } bound ? pass with { Options = bound } : throw new EdgeException(binding.Diagnostics);
    }
}
