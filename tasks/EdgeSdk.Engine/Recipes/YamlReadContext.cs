// Shared state and typed value readers for strict YAML reading (recipes and target profiles): every node
// knows the file it came from (recipes merged through `extends` mix files), every mistake becomes a
// located EDGE1xxx diagnostic, and reading goes on after a mistake so that all errors are reported at once.
using System.Globalization;
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Diagnostics sink, node-to-file map and typed readers for one load.</summary>
internal sealed class YamlReadContext
{
    private readonly Dictionary<YamlNode, string> _files = new(ReferenceEqualityComparer.Instance);
    private readonly List<EdgeDiagnostic> _diagnostics = [];

    /// <summary>Creates a context whose nodes default to <paramref name="defaultFile"/>.</summary>
    public YamlReadContext(string defaultFile) => DefaultFile = defaultFile;

    /// <summary>Gets the file nodes belong to unless registered otherwise.</summary>
    public string DefaultFile { get; }

    /// <summary>Gets the diagnostics so far.</summary>
    public IReadOnlyList<EdgeDiagnostic> Diagnostics => _diagnostics;

    /// <summary>Gets or sets whether any value used a build property (<c>${Name}</c>).</summary>
    public bool UsedProperties { get; set; }

    /// <summary>Gets whether any error was reported.</summary>
    public bool HasErrors => _diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Records that <paramref name="root"/> and every node under it come from <paramref name="file"/>.</summary>
    public void Register(YamlNode root, string file)
    {
        foreach (var node in root.AllNodes)
        {
            _files[node] = file;
        }
    }

    /// <summary>Records that one node (e.g. a merged mapping) belongs to <paramref name="file"/>.</summary>
    public void RegisterNode(YamlNode node, string file) => _files[node] = file;

    /// <summary>Gets the file a node came from.</summary>
    public string FileOf(YamlNode node) => _files.GetValueOrDefault(node, DefaultFile);

    /// <summary>Gets the folder of the file a node came from (relative paths resolve against it).</summary>
    public string DirectoryOf(YamlNode node) => Path.GetDirectoryName(Path.GetFullPath(FileOf(node))) ?? ".";

    /// <summary>Gets the 1-based location of a node's start.</summary>
    public SourceLocation At(YamlNode node) => new(FileOf(node), (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Reports an error at a node.</summary>
    public void Error(DiagnosticDescriptor code, string message, YamlNode node) => _diagnostics.Add(EdgeDiagnostic.Error(code, message, At(node)));

    /// <summary>Reports an error at a location.</summary>
    public void Error(DiagnosticDescriptor code, string message, SourceLocation location) => _diagnostics.Add(EdgeDiagnostic.Error(code, message, location));

    /// <summary>Reports a diagnostic found elsewhere (for example in a target profile the recipe names) as an error.</summary>
    public void ErrorFrom(EdgeDiagnostic diagnostic) => _diagnostics.Add(diagnostic with { Severity = DiagnosticSeverity.Error });

    /// <summary>Reports a warning at a node.</summary>
    public void Warning(DiagnosticDescriptor code, string message, YamlNode node) => _diagnostics.Add(EdgeDiagnostic.Warning(code, message, At(node)));

    /// <summary>Reads a mapping and checks its keys; null (after reporting) when the node is not a mapping.</summary>
    public YamlMap? Map(YamlNode node, string what, IReadOnlyList<string> allowedKeys) =>
        YamlMap.Read(this, node, what, allowedKeys);

    /// <summary>Returns whether a node is an empty (null) scalar such as <c>key:</c> or <c>key: ~</c>.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>Reads a scalar as text.</summary>
    public string? String(YamlNode node, string what)
    {
        if (node is YamlScalarNode scalar && !IsNull(node))
        {
            return scalar.Value ?? string.Empty;
        }

        Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be text, not {Describe(node)}.", node);
        return null;
    }

    /// <summary>Reads a whole number in [min, max].</summary>
    public long? Integer(YamlNode node, string what, long min = long.MinValue, long max = long.MaxValue)
    {
        if (node is YamlScalarNode scalar && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                Error(DiagnosticCatalog.Recipes.OutOfRange, $"'{what}' is {value}; it must be {RangeText.Of(min, max)}.", node);
                return null;
            }

            return value;
        }

        Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a whole number, not {Describe(node)}.", node);
        return null;
    }

    /// <summary>Reads a real number in [min, max].</summary>
    public double? Number(YamlNode node, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (node is YamlScalarNode scalar && TryParseNumber(scalar.Value, out var value))
        {
            if (value < min || value > max)
            {
                Error(DiagnosticCatalog.Recipes.OutOfRange, $"'{what}' is {value.ToString(CultureInfo.InvariantCulture)}; it must be {RangeText.Of(min, max)}.", node);
                return null;
            }

            return value;
        }

        Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a number, not {Describe(node)}.", node);
        return null;
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public bool? Boolean(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            switch (text)
            {
                case "true" or "True" or "TRUE": return true;
                case "false" or "False" or "FALSE": return false;
            }
        }

        Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be true or false, not {Describe(node)}.", node);
        return null;
    }

    /// <summary>Reads one of <paramref name="allowed"/> (case-insensitive) and returns its canonical spelling.</summary>
    public string? OneOf(YamlNode node, string what, IReadOnlyList<string> allowed)
    {
        var text = String(node, what);
        if (text is null)
        {
            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{what}' is '{text}'; it must be one of: {string.Join(", ", allowed)}.{DidYouMean.Hint(text, allowed)}", node);
        }

        return match;
    }

    /// <summary>Reads a list of text values (a single scalar counts as a one-item list).</summary>
    public IReadOnlyList<string>? StringList(YamlNode node, string what)
    {
        if (node is YamlScalarNode && !IsNull(node))
        {
            return String(node, what) is { } single ? [single] : null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a list of text values, not {Describe(node)}.", node);
            return null;
        }

        var result = new List<string>();
        var ok = true;
        foreach (var item in sequence.Children)
        {
            if (String(item, what + " item") is { } text)
            {
                result.Add(text);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? result : null;
    }

    /// <summary>Reads a list of numbers (a single scalar counts as a one-item list).</summary>
    public IReadOnlyList<double>? NumberList(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
        {
            return Number(node, what) is { } single ? [single] : null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a number or a list of numbers, not {Describe(node)}.", node);
            return null;
        }

        var result = new List<double>();
        var ok = true;
        foreach (var item in sequence.Children)
        {
            if (Number(item, what + " item") is { } value)
            {
                result.Add(value);
            }
            else
            {
                ok = false;
            }
        }

        return ok ? result : null;
    }

    /// <summary>Parses an invariant-culture number (no thousands separators, no NaN or infinity).</summary>
    public static bool TryParseNumber(string? text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Describes a node for a wrong-type message: <c>a list</c>, <c>'abc'</c> …</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ when IsNull(node) => "empty",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an alias",
    };
}
