// A pass's options after binding: the typed options object the pass runs with, the values the recipe (or
// an override) set explicitly with their locations, and the canonical form (every option, defaults filled
// in) that step fingerprints hash, so writing a default explicitly does not change a fingerprint.
using System.Text.Json;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Options;

/// <summary>The bound, validated options of one pass instance.</summary>
internal sealed class BoundPassOptions
{
    /// <summary>Creates bound options (see <see cref="IPassOptionSet.Bind"/>).</summary>
    public BoundPassOptions(string pass, object value, IReadOnlyDictionary<string, object?> canonical, IReadOnlyDictionary<string, OptionValue> explicitValues, SourceLocation? entryLocation)
    {
        Pass = pass;
        Value = value;
        Canonical = canonical;
        Explicit = explicitValues;
        EntryLocation = entryLocation;
    }

    /// <summary>Gets the pass these options belong to.</summary>
    public string Pass { get; }

    /// <summary>Gets the typed options object (the pass's options type).</summary>
    public object Value { get; }

    /// <summary>Gets every option's bound value by key, in key order (defaults filled in; CLR shapes bool, long, double, string, string[] or null).</summary>
    public IReadOnlyDictionary<string, object?> Canonical { get; }

    /// <summary>Gets the values set explicitly (canonical spelling), with where each was written.</summary>
    public IReadOnlyDictionary<string, OptionValue> Explicit { get; }

    /// <summary>Gets where the pass entry starts in the recipe, if known.</summary>
    public SourceLocation? EntryLocation { get; }

    /// <summary>Gets the canonical text hashed into step fingerprints: <c>key=json;…</c> over every option in key order.</summary>
    public string CanonicalText => string.Join(";", Canonical.Select(kv => kv.Key + "=" + JsonSerializer.Serialize(kv.Value)));

    /// <summary>Returns the typed options.</summary>
    /// <typeparam name="T">The pass's options type.</typeparam>
    public T Get<T>() where T : class =>
        Value as T ?? throw new InvalidOperationException($"The options of pass '{Pass}' are {Value.GetType().Name}, not {typeof(T).Name}.");

    /// <summary>Returns whether the recipe (or an override) set <paramref name="key"/>.</summary>
    public bool IsSet(string key) => Explicit.ContainsKey(key);

    /// <summary>Returns where <paramref name="key"/> was set, or null when it was not set (errors then point at the pass entry).</summary>
    public SourceLocation? LocationOf(string key) => Explicit.GetValueOrDefault(key)?.Location;
}
