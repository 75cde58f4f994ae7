// What a pass declares about itself: its recipe name, a version that enters step fingerprints, its
// parameters (types, defaults, ranges, documentation) and the data sets it needs. The recipe validator
// and the JSON schema generator read these, so a pass's parameters are declared exactly once.
namespace EdgeSdk.Passes;

/// <summary>The kinds of values a pass parameter takes.</summary>
internal enum ParameterKind
{
    /// <summary>true/false.</summary>
    Boolean,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A real number.</summary>
    Number,
    /// <summary>Free text (paths, names).</summary>
    String,
    /// <summary>One of <see cref="ParameterDescriptor.AllowedValues"/>.</summary>
    Enum,
    /// <summary>A list of strings (node names, op types).</summary>
    StringList,
}

/// <summary>Data sets a pass may need from the recipe.</summary>
[Flags]
internal enum DataRequirement
{
    /// <summary>No data.</summary>
    None = 0,
    /// <summary>The calibration set.</summary>
    Calibration = 1,
    /// <summary>The training set.</summary>
    Training = 2,
    /// <summary>The evaluation set.</summary>
    Evaluation = 4,
}

/// <summary>One parameter of a pass.</summary>
/// <param name="Name">Recipe key (snake_case).</param>
/// <param name="Kind">Value kind.</param>
/// <param name="Description">One sentence for docs, schema and did-you-mean messages.</param>
/// <param name="Default">Default value (boxed bool/long/double/string/string[]), or null when required or unset.</param>
/// <param name="Minimum">Inclusive lower bound for numbers.</param>
/// <param name="Maximum">Inclusive upper bound for numbers.</param>
/// <param name="AllowedValues">Values an <see cref="ParameterKind.Enum"/> accepts.</param>
internal sealed record ParameterDescriptor(
    string Name,
    ParameterKind Kind,
    string Description,
    object? Default = null,
    double? Minimum = null,
    double? Maximum = null,
    IReadOnlyList<string>? AllowedValues = null);

/// <summary>Describes a pass.</summary>
/// <param name="Name">The pass's name in recipes (<c>fuse</c>, <c>quantize</c> …).</param>
/// <param name="Version">Bumped whenever the pass's output changes for the same input; part of step fingerprints.</param>
/// <param name="Description">One sentence for docs and the schema.</param>
/// <param name="Parameters">Every parameter the pass accepts.</param>
/// <param name="Requires">Data sets the pass needs regardless of parameters.</param>
internal sealed record PassDescriptor(
    string Name,
    int Version,
    string Description,
    IReadOnlyList<ParameterDescriptor> Parameters,
    DataRequirement Requires = DataRequirement.None)
{
    /// <summary>Returns the data sets needed for the given parameter values (override via <see cref="RequiresFor"/>).</summary>
    public Func<PassParameters, DataRequirement>? RequiresFor { get; init; }
}
