// `extends`: a recipe builds on a stock recipe (by name, from recipes/) or another file. The base is
// loaded first (recursively), then the extending recipe is merged over it key by key:
//   * mappings merge recursively (keys of both; the extending recipe wins on a shared key);
//   * scalars and lists are replaced whole (a `passes` or `budgets` list in the extending recipe
//     replaces the base list; to keep the base list, leave the key out);
//   * a key set to ~ (null) in the extending recipe removes the base's key.
// Nodes keep their own file, so every error points at the file that wrote the offending value.
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Loads a recipe file with its <c>extends</c> chain into one merged YAML tree.</summary>
internal static class RecipeMerger
{
    /// <summary>Returns the merged root (null after reporting); <paramref name="chain"/> receives the base files, nearest first.</summary>
    public static YamlNode? LoadMerged(YamlReadContext context, string path, RecipeLoadOptions options, List<string> chain, SourceLocationHint? from = null)
    {
        var full = Path.GetFullPath(path);
        var root = YamlFileParser.Parse(context, full, from);
        if (root is not YamlMappingNode mapping)
        {
            return root;
        }

        var extendsEntry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "extends" });
        if (extendsEntry.Value is null)
        {
            return root;
        }

        mapping.Children.Remove(extendsEntry.Key);
        var basePath = ResolveBase(context, extendsEntry.Value, options);
        if (basePath is null)
        {
            return root;
        }

        if (basePath == full || chain.Contains(basePath))
        {
            context.Error(DiagnosticCatalog.Recipes.BadExtends, $"'extends' makes a cycle: '{basePath}' is already being extended.", extendsEntry.Value);
            return root;
        }

        chain.Add(basePath);
        var baseRoot = LoadMerged(context, basePath, options, chain, new SourceLocationHint(context.At(extendsEntry.Value)));
        if (baseRoot is not YamlMappingNode baseMapping)
        {
            if (baseRoot is not null)
            {
                context.Error(DiagnosticCatalog.Recipes.BadExtends, $"The base recipe '{basePath}' is not a mapping.", extendsEntry.Value);
            }

            return root;
        }

        MergeInto(mapping, baseMapping);
        return mapping;
    }

    /// <summary>Merges <paramref name="baseMapping"/> under <paramref name="target"/> (target wins) in place.</summary>
    private static void MergeInto(YamlMappingNode target, YamlMappingNode baseMapping)
    {
        foreach (var (baseKey, baseValue) in baseMapping.Children)
        {
            if (baseKey is not YamlScalarNode { Value: { } key } || key == "extends")
            {
                continue;
            }

            var own = target.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && k == key);
            if (own.Key is null)
            {
                target.Children.Add(baseKey, baseValue);
            }
            else if (YamlReadContext.IsNull(own.Value))
            {
                target.Children.Remove(own.Key);
            }
            else if (own.Value is YamlMappingNode ownMapping && baseValue is YamlMappingNode baseChild)
            {
                MergeInto(ownMapping, baseChild);
            }
        }
    }

    private static string? ResolveBase(YamlReadContext context, YamlNode node, RecipeLoadOptions options)
    {
        var text = context.String(node, "extends");
        if (text is null)
        {
            return null;
        }

        var isStockName = !text.Contains('/') && !text.Contains('\\') && !text.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) && !text.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
        if (isStockName)
        {
            var candidate = Path.GetFullPath(Path.Combine(options.StockRecipesDirectory, text + ".yaml"));
            if (File.Exists(candidate))
            {
                return candidate;
            }

            var stock = Directory.Exists(options.StockRecipesDirectory)
                ? Directory.GetFiles(options.StockRecipesDirectory, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
                : [];
            context.Error(DiagnosticCatalog.Recipes.BadExtends, $"'extends' names the stock recipe '{text}', which does not exist.{DidYouMean.Hint(text, stock)} Stock recipes: {(stock.Count == 0 ? "none found in '" + options.StockRecipesDirectory + "'" : string.Join(", ", stock))}. To extend a file, write its path (e.g. ./base.yaml).", node);
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(context.DirectoryOf(node), text));
        if (!File.Exists(path))
        {
            context.Error(DiagnosticCatalog.Recipes.BadExtends, $"'extends' names '{text}', but no file exists at '{path}'.", node);
            return null;
        }

        return path;
    }
}
