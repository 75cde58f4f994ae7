// A YAML mapping read strictly: keys must be text and known (unknown keys are reported with a
// did-you-mean), and values are looked up by key with their nodes kept for located errors.
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>A checked view of a YAML mapping.</summary>
internal sealed class YamlMap
{
    private readonly List<KeyValuePair<string, YamlNode>> _entries;
    private readonly Dictionary<string, YamlScalarNode> _keys;

    private YamlMap(YamlMappingNode node, List<KeyValuePair<string, YamlNode>> entries, Dictionary<string, YamlScalarNode> keys, bool hadUnknownKeys)
    {
        HadUnknownKeys = hadUnknownKeys;
        Node = node;
        _entries = entries;
        _keys = keys;
    }

    /// <summary>Gets the mapping node.</summary>
    public YamlMappingNode Node { get; }

    /// <summary>Gets whether unknown (already reported) keys were skipped; follow-up "missing key" errors are then noise.</summary>
    public bool HadUnknownKeys { get; }

    /// <summary>Gets the known entries in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries => _entries;

    /// <summary>Reads a mapping; reports and skips unknown keys; null when the node is not a mapping.</summary>
    public static YamlMap? Read(YamlReadContext context, YamlNode node, string what, IReadOnlyList<string> allowedKeys)
    {
        if (node is not YamlMappingNode mapping)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a mapping (key: value lines), not {YamlReadContext.Describe(node)}.", node);
            return null;
        }

        var entries = new List<KeyValuePair<string, YamlNode>>();
        var keys = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        var unknown = false;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                context.Error(DiagnosticCatalog.Recipes.WrongType, $"Keys in '{what}' must be text, not {YamlReadContext.Describe(keyNode)}.", keyNode);
                continue;
            }

            if (!allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                var where = what.Length == 0 ? "at the top level of a recipe" : $"in '{what}'";
                context.Error(DiagnosticCatalog.Recipes.UnknownKey, $"Unknown key '{key}' {where}.{DidYouMean.Hint(key, allowedKeys)} Allowed keys: {string.Join(", ", allowedKeys)}.", keyNode);
                unknown = true;
                continue;
            }

            entries.Add(new(key, value));
            keys[key] = scalarKey;
        }

        return new YamlMap(mapping, entries, keys, unknown);
    }

    /// <summary>Gets the value node of a key, or null when absent.</summary>
    public YamlNode? this[string key] => _entries.FirstOrDefault(e => e.Key == key).Value;

    /// <summary>Gets the key node of a key, or null when absent.</summary>
    public YamlScalarNode? KeyNode(string key) => _keys.GetValueOrDefault(key);

    /// <summary>Returns whether the key is present.</summary>
    public bool Has(string key) => _keys.ContainsKey(key);
}
