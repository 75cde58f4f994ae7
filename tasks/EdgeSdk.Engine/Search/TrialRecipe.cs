// Turns a trial's option values into the recipe that trial runs: the same recipe with the searched pass
// options overridden (and passes switched on or off), so a trial is an ordinary plan whose steps are
// fingerprinted and cached like any build's.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;

namespace EdgeSdk.Search;

/// <summary>Applies trial values to a recipe.</summary>
internal static class TrialRecipe
{
    /// <summary>The reserved option that switches a pass on or off.</summary>
    public const string EnabledOption = "enabled";

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

            passes[index] = With(passes[index], parameter, assignment.Value(i));
        }

        return recipe with { Passes = passes };
    }

    private static PassSpec With(PassSpec pass, SearchParameter parameter, object? value)
    {
        if (parameter.Option == EnabledOption)
        {
            return pass with { Enabled = value is true };
        }

        var descriptor = PassCatalog.Find(pass.Kind)?.Descriptor
            ?? throw new EdgeException(DiagnosticCatalog.Search.UnknownSearchedPass, $"Unknown pass '{pass.Kind}'.", parameter.Location);
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var (key, v) in pass.Parameters.Values)
        {
            values[key] = v;
            if (pass.Parameters.LocationOf(key) is { } at)
            {
                locations[key] = at;
            }
        }

        values[parameter.Option] = value;
        if (parameter.Location is { } location)
        {
            locations[parameter.Option] = location;
        }

        return pass with { Parameters = new PassParameters(descriptor, values, locations) };
    }
}
