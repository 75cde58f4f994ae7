// What a pass declares about one of its options, in a form every reader of declarations shares: the
// recipe loader (names, types, ranges), the JSON schema and recipes/README.md generators, and the search
// helper that enumerates option values. The typed binding lives in PassOption<T>.
namespace EdgeSdk.Passes.Options;

/// <summary>The kinds of values a pass option takes.</summary>
internal enum OptionKind
{
    /// <summary>true/false.</summary>
    Boolean,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A real number.</summary>
    Number,
    /// <summary>Free text (paths, names, patterns).</summary>
    String,
    /// <summary>One of <see cref="PassOptionInfo.AllowedValues"/>.</summary>
    Enum,
    /// <summary>A list of strings (node names, op types); a single string counts as a one-item list.</summary>
    StringList,
}

/// <summary>One option of a pass, as declared.</summary>
/// <param name="Key">Recipe key (snake_case).</param>
/// <param name="Kind">Value kind.</param>
/// <param name="Description">One sentence for docs, schema and error messages.</param>
/// <param name="Default">Default value (bool, long, double, string or string[]), or null when the option has no fixed default (unset means "the target's", "none" or, with <paramref name="Required"/>, an error).</param>
/// <param name="Minimum">Inclusive lower bound of numbers.</param>
/// <param name="Maximum">Inclusive upper bound of numbers.</param>
/// <param name="AllowedValues">Values an <see cref="OptionKind.Enum"/> accepts (canonical spelling).</param>
/// <param name="Required">Whether a recipe must set the option (reported at load when it does not).</param>
internal sealed record PassOptionInfo(
    string Key,
    OptionKind Kind,
    string Description,
    object? Default = null,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? AllowedValues = null,
    bool Required = false);
