// Reads a recipe's `passes` list. Each entry names exactly one pass kind from the PassCatalog, with its
// parameters under the kind and the reserved keys `name` and `enabled` beside it:
//   - fuse
//   - fuse: {fold_batch_norm: false}
//     name: cleanup
//     enabled: true
// Parameters are checked against the pass's descriptor (names, types, ranges, enum values).
using EdgeSdk.Passes;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>passes</c> section.</summary>
internal static class PassSectionReader
{
    /// <summary>Keys an entry accepts beside its pass kind.</summary>
    public static readonly IReadOnlyList<string> ReservedKeys = ["name", "enabled"];

    /// <summary>Returns the valid passes (errors are reported for the others).</summary>
    public static IReadOnlyList<PassSpec> Read(YamlReadContext context, YamlNode node, IReadOnlyDictionary<string, IPass> catalog)
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
            if (ReadEntry(context, entry, catalog) is not { } pass)
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

    private static PassSpec? ReadEntry(YamlReadContext context, YamlNode entry, IReadOnlyDictionary<string, IPass> catalog)
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

        var parameters = ReadParameters(context, parametersNode, pass.Descriptor);
        var name = nameNode is null ? kind : context.String(nameNode, $"passes.{kind}.name");
        var enabled = enabledNode is null ? true : context.Boolean(enabledNode, $"passes.{kind}.enabled");
        if (parameters is null || name is null || enabled is null)
        {
            return null;
        }

        return new PassSpec { Kind = kind, Name = name, Enabled = enabled.Value, Parameters = parameters, Location = context.At(kindNode) };
    }

    private static PassParameters? ReadParameters(YamlReadContext context, YamlNode? node, PassDescriptor descriptor)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        var locations = new Dictionary<string, Diagnostics.SourceLocation>(StringComparer.Ordinal);
        if (node is null || YamlReadContext.IsNull(node))
        {
            return new PassParameters(descriptor, values, locations);
        }

        if (node is not YamlMappingNode mapping)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"The parameters of pass '{descriptor.Name}' must be a mapping (name: value), not {YamlReadContext.Describe(node)}.", node);
            return null;
        }

        var ok = true;
        var known = descriptor.Parameters.Select(p => p.Name).ToList();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (context.String(keyNode, $"passes.{descriptor.Name} key") is not { } key)
            {
                ok = false;
                continue;
            }

            var parameter = descriptor.Parameters.FirstOrDefault(p => p.Name == key);
            if (parameter is null)
            {
                var list = known.Count == 0 ? "it takes no parameters" : "its parameters: " + string.Join(", ", known);
                context.Error(DiagnosticCatalog.Recipes.UnknownKey, $"Pass '{descriptor.Name}' has no parameter '{key}'.{DidYouMean.Hint(key, known)} ({list}).", keyNode);
                ok = false;
                continue;
            }

            var value = ReadValue(context, valueNode, $"passes.{descriptor.Name}.{key}", parameter);
            if (value is null)
            {
                ok = false;
                continue;
            }

            values[key] = value;
            locations[key] = context.At(valueNode);
        }

        return ok ? new PassParameters(descriptor, values, locations) : null;
    }

    private static object? ReadValue(YamlReadContext context, YamlNode node, string what, ParameterDescriptor parameter) => parameter.Kind switch
    {
        ParameterKind.Boolean => context.Boolean(node, what),
        ParameterKind.Integer => context.Integer(node, what, parameter.Minimum is { } min ? (long)Math.Ceiling(min) : long.MinValue, parameter.Maximum is { } max ? (long)Math.Floor(max) : long.MaxValue),
        ParameterKind.Number => context.Number(node, what, parameter.Minimum ?? double.NegativeInfinity, parameter.Maximum ?? double.PositiveInfinity),
        ParameterKind.Enum => context.OneOf(node, what, parameter.AllowedValues ?? []),
        ParameterKind.StringList => context.StringList(node, what)?.ToArray(),
        _ => context.String(node, what),
    };
}
