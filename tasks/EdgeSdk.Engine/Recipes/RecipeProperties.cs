// The one parser of build properties for ${Name} substitution, shared by MSBuild (EdgeRecipeProperties,
// "A=1;B=2"), `edgesdk validate -p` and `edgesdk run -p`, so that every entry point accepts and rejects
// the same input: each entry is Name=Value with a non-empty name, and a name given twice is an error.
namespace EdgeSdk.Recipes;

/// <summary>Parses build properties given as <c>Name=Value</c> entries.</summary>
internal static class RecipeProperties
{
    /// <summary>Gets an empty property map.</summary>
    public static IReadOnlyDictionary<string, string> None { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Parses <paramref name="entries"/>. The name is the text before the first <c>=</c>, trimmed; the value is the rest, as
    /// given. Names compare case-insensitively (like MSBuild). Throws an <see cref="EdgeException"/> with every problem:
    /// EDGE0020 for an entry that is not <c>Name=Value</c>, EDGE0021 for a name given twice.
    /// </summary>
    /// <param name="entries">The entries, e.g. the values of repeated <c>--property</c> options.</param>
    /// <param name="origin">How the user gave them, for messages (e.g. <c>--property</c> or <c>EdgeRecipeProperties</c>).</param>
    /// <param name="location">Where they were given (the project file for MSBuild), or null on the command line.</param>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> entries, string origin, SourceLocation? location = null)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<EdgeDiagnostic>();
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? string.Empty : entry[..equals].Trim();
            if (name.Length == 0)
            {
                problems.Add(DiagnosticCatalog.Sdk.MalformedProperty.Create($"{origin} '{entry}' must be written Name=Value (a name, '=', then the value).", location));
                continue;
            }

            if (first.TryGetValue(name, out var earlier))
            {
                problems.Add(DiagnosticCatalog.Sdk.DuplicateProperty.Create($"{origin} gives the property '{name}' twice ('{earlier}' and '{entry}'); give it once.", location));
                continue;
            }

            first[name] = entry;
            result[name] = entry[(equals + 1)..];
        }

        return problems.Count == 0 ? result : throw new EdgeException(problems);
    }

    /// <summary>Parses MSBuild's <c>EdgeRecipeProperties</c> text: entries separated by <c>;</c>, empty entries ignored.</summary>
    public static IReadOnlyDictionary<string, string> ParseList(string text, string origin, SourceLocation? location = null) =>
        Parse(text.Split(';').Where(e => e.Trim().Length > 0), origin, location);
}
