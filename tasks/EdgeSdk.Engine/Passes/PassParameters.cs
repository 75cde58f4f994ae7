// Typed, validated parameter values of one pass instance, with the recipe location of each value so a
// pass can report an error at the line that set the offending parameter.
using System.Globalization;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes;

/// <summary>The parameters of one pass as written in the recipe, with defaults from the descriptor.</summary>
internal sealed class PassParameters
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly IReadOnlyDictionary<string, SourceLocation> _locations;
    private readonly PassDescriptor _descriptor;

    /// <summary>Creates parameters. Values are bool, long, double, string or string[] (already validated).</summary>
    public PassParameters(PassDescriptor descriptor, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, SourceLocation>? locations = null)
    {
        _descriptor = descriptor;
        _values = values;
        _locations = locations ?? new Dictionary<string, SourceLocation>();
    }

    /// <summary>Gets the explicitly set values (for fingerprints and reports).</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>Creates an empty parameter set (every parameter at its default).</summary>
    public static PassParameters Defaults(PassDescriptor descriptor) => new(descriptor, new Dictionary<string, object?>());

    /// <summary>Returns whether the recipe set this parameter.</summary>
    public bool IsSet(string name) => _values.ContainsKey(name);

    /// <summary>Gets where the recipe set this parameter, if it did.</summary>
    public SourceLocation? LocationOf(string name) => _locations.GetValueOrDefault(name);

    /// <summary>Gets a boolean.</summary>
    public bool GetBoolean(string name) => Convert.ToBoolean(Get(name), CultureInfo.InvariantCulture);

    /// <summary>Gets an integer.</summary>
    public long GetInteger(string name) => Convert.ToInt64(Get(name), CultureInfo.InvariantCulture);

    /// <summary>Gets a number.</summary>
    public double GetNumber(string name) => Convert.ToDouble(Get(name), CultureInfo.InvariantCulture);

    /// <summary>Gets a string (or enum value).</summary>
    public string GetString(string name) => Convert.ToString(Get(name), CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>Gets a string or null when neither set nor defaulted.</summary>
    public string? GetOptionalString(string name) => Get(name, required: false) is { } v ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;

    /// <summary>Gets a string list (empty when unset).</summary>
    public IReadOnlyList<string> GetStringList(string name) => Get(name, required: false) switch
    {
        null => [],
        string s => [s],
        IEnumerable<string> list => list.ToList(),
        _ => throw new InvalidOperationException($"Parameter '{name}' is not a list."),
    };

    private object? Get(string name, bool required = true)
    {
        var descriptor = _descriptor.Parameters.FirstOrDefault(p => p.Name == name)
            ?? throw new InvalidOperationException($"Pass '{_descriptor.Name}' has no parameter '{name}' in its descriptor.");
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }

        if (descriptor.Default is null && required)
        {
            throw new EdgeException(DiagnosticCatalog.Recipes.MissingPassParameter, $"Pass '{_descriptor.Name}' needs the parameter '{name}': {descriptor.Description}");
        }

        return descriptor.Default;
    }
}
