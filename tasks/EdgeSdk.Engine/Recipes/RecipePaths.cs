// ${Name} substitution of build properties and resolution of relative paths against the folder of the
// recipe file that wrote them (a stock recipe's paths resolve against the stock recipe's folder).
using EdgeSdk.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Property substitution and path resolution for recipe values.</summary>
internal static partial class RecipePaths
{
    /// <summary>Replaces each <c>${Name}</c> by its property value (case-insensitive); null after reporting an undefined one.</summary>
    public static string? Substitute(YamlReadContext context, YamlNode node, string text, IReadOnlyDictionary<string, string> properties, string what)
    {
        var ok = true;
        var result = PropertyPattern().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            context.UsedProperties = true;
            var value = properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
            if (value.Key is null)
            {
                var known = properties.Keys.Order(StringComparer.Ordinal).ToList();
                var hint = DidYouMean.Hint(name, known);
                context.Error(DiagnosticCatalog.Recipes.UndefinedProperty, $"'{what}' uses the property '${{{name}}}', which is not defined.{hint} Define it in the project (MSBuild property) or pass it with --property {name}=VALUE.", node);
                ok = false;
                return match.Value;
            }

            return value.Value;
        });
        return ok ? result : null;
    }

    /// <summary>
    /// Reads a path value: substitutes properties, resolves it against the folder of the file the node came
    /// from, and (when <paramref name="mustExist"/>) reports a missing file or folder.
    /// </summary>
    public static string? Read(YamlReadContext context, YamlNode node, string what, IReadOnlyDictionary<string, string> properties, bool mustExist, bool folder = false)
    {
        var text = context.String(node, what);
        if (text is null)
        {
            return null;
        }

        var substituted = Substitute(context, node, text, properties, what);
        if (substituted is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(context.DirectoryOf(node), substituted));
        if (mustExist && !(folder ? Directory.Exists(full) : File.Exists(full)))
        {
            context.Error(DiagnosticCatalog.Recipes.FileNotFound, $"'{what}' names '{substituted}', but {(folder ? "no folder" : "no file")} exists at '{full}'. Paths resolve against the recipe's folder.", node);
            return null;
        }

        return full;
    }

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")]
    private static partial Regex PropertyPattern();
}
