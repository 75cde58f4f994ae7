// Reads a recipe's `passes` list. Each entry names exactly one pass kind from the PassCatalog, with its
// parameters under the kind and the reserved keys `name` and `enabled` beside it:
//   - fuse
//   - fuse: {fold_batch_norm: false}
//     name: cleanup
//     enabled: true
// Parameters are bound to the pass's options type when the recipe loads (names with a did-you-mean, types,
// ranges, enum values, required options, the pass's own cross-field checks), each error located at the
// offending key or value, so `edgesdk validate` reports what the pass would reject when it runs.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>passes</c> section.</summary>
internal static class PassSectionReader
{
    /// <summary>Keys an entry accepts beside its pass kind.</summary>
    public static readonly IReadOnlyList<string> ReservedKeys = ["name", "enabled"];

    /// <summary>Returns the valid passes (errors are reported for the others).</summary>
    public static IReadOnlyList<PassSpec> Read(YamlReadContext context, YamlNode node, IReadOnlyDictionary<string, IPass> catalog, RecipeLoadOptions options)
    {
        var result = new List<PassSpec>();
        if (YamlReadContext.IsNull(node))
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'passes' must be an ordered list such as '- fuse', not {YamlReadContext.Describe(node)}.", node);
            return result;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in sequence.Children)
        {
            if (ReadEntry(context, entry, catalog, options) is not { } pass)
            {
                continue;
            }

            if (names.Contains(pass.Name))
            {
                if (pass.Name != pass.Kind)
                {
                    context.Error(DiagnosticCatalog.Recipes.Duplicate, $"Two passes are named '{pass.Name}'; pass names must be unique.", entry);
                    continue;
                }

                var n = 2;
                while (names.Contains($"{pass.Kind}-{n}"))
                {
                    n++;
                }

                pass = pass with { Name = $"{pass.Kind}-{n}" };
            }

            names.Add(pass.Name);
            result.Add(pass);
        }

        return result;
    }

    private static PassSpec? ReadEntry(YamlReadContext context, YamlNode entry, IReadOnlyDictionary<string, IPass> catalog, RecipeLoadOptions options)
    {
        YamlNode kindNode;
        YamlNode? parametersNode = null;
        YamlNode? nameNode = null;
        YamlNode? enabledNode = null;
        if (entry is YamlScalarNode)
        {
            kindNode = entry;
        }
        else if (entry is YamlMappingNode mapping)
        {
            var kinds = mapping.Children.Where(c => c.Key is not YamlScalarNode { Value: "name" or "enabled" }).ToList();
            nameNode = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" }).Value;
            enabledNode = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "enabled" }).Value;
            if (kinds.Count != 1)
            {
                var message = kinds.Count == 0
                    ? "The pass entry names no pass; write e.g. '- fuse: {…}'."
                    : $"The pass entry names {kinds.Count} passes ({string.Join(", ", kinds.Select(k => YamlReadContext.Describe(k.Key)))}); write one list entry per pass (beside the pass, only 'name' and 'enabled' are allowed).";
                context.Error(DiagnosticCatalog.Recipes.BadPassEntry, message, kinds.Count > 1 ? kinds[1].Key : entry);
                return null;
            }

            kindNode = kinds[0].Key;
            parametersNode = kinds[0].Value;
        }
        else
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, "A pass entry is a pass name ('- fuse') or a mapping ('- fuse: {…}'), not a list.", entry);
            return null;
        }

        var kind = context.String(kindNode, "passes");
        if (kind is null)
        {
            return null;
        }

        if (!catalog.TryGetValue(kind, out var pass))
        {
            var known = catalog.Keys.Order(StringComparer.Ordinal).ToList();
            context.Error(DiagnosticCatalog.Recipes.UnknownPass, $"Unknown pass '{kind}'.{DidYouMean.Hint(kind, known)} Passes: {string.Join(", ", known)}.", kindNode);
            return null;
        }

        var location = context.At(kindNode);
        var bindContext = new OptionBindContext(location, Path.GetDirectoryName(Path.GetFullPath(context.DefaultFile)) ?? ".", options.CheckFilesExist);
        var bound = ReadOptions(context, parametersNode, pass.Options, bindContext);
        var name = nameNode is null ? kind : context.String(nameNode, $"passes.{kind}.name");
        var enabled = enabledNode is null ? true : context.Boolean(enabledNode, $"passes.{kind}.enabled");
        if (bound is null || name is null || enabled is null)
        {
            return null;
        }

        return new PassSpec { Kind = kind, Name = name, Enabled = enabled.Value, Options = bound, Location = location };
    }

    private static BoundPassOptions? ReadOptions(YamlReadContext context, YamlNode? node, IPassOptionSet declarations, OptionBindContext bindContext)
    {
        var values = new Dictionary<string, OptionValue>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostics.EdgeDiagnostic>();
        if (node is not null && !YamlReadContext.IsNull(node) && node is not YamlMappingNode)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"The parameters of pass '{declarations.Pass}' must be a mapping (name: value), not {YamlReadContext.Describe(node)}.", node);
            return null;
        }

        var ok = true;
        foreach (var (keyNode, valueNode) in (node as YamlMappingNode)?.Children ?? Enumerable.Empty<KeyValuePair<YamlNode, YamlNode>>())
        {
            if (context.String(keyNode, $"passes.{declarations.Pass} key") is not { } key)
            {
                ok = false;
                continue;
            }

            if (declarations.Find(key) is not { } option)
            {
                context.Error(DiagnosticCatalog.Recipes.UnknownKey, declarations.UnknownKeyMessage(key), keyNode);
                ok = false;
                continue;
            }

            if (ReadValue(context, valueNode, $"passes.{declarations.Pass}.{key}", option.Kind) is { } value)
            {
                values[key] = new OptionValue(value, context.At(valueNode));
            }
            else
            {
                ok = false;
            }
        }

        // Values that parsed are still checked (ranges, allowed values) when others did not; the required and
        // cross-field checks need every value, so they run only when all are valid.
        var bound = ok ? declarations.Bind(values, bindContext, diagnostics) : null;
        if (!ok)
        {
            declarations.CheckValues(values, bindContext, diagnostics);
        }

        foreach (var diagnostic in diagnostics)
        {
            context.ErrorFrom(diagnostic with { Location = diagnostic.Location ?? bindContext.EntryLocation ?? new Diagnostics.SourceLocation(context.DefaultFile) });
        }

        return bound;
    }

    // Parses a value's YAML into its CLR shape; ranges and allowed values are checked by the binding.
    private static object? ReadValue(YamlReadContext context, YamlNode node, string what, OptionKind kind) => kind switch
    {
        OptionKind.Boolean => context.Boolean(node, what),
        OptionKind.Integer => context.Integer(node, what),
        OptionKind.Number => context.Number(node, what),
        OptionKind.StringList => context.StringList(node, what)?.ToArray(),
        _ => context.String(node, what),
    };
}
