// One point of the search space: a value for every searched option, in the section's order, with a
// canonical text (stable across runs) from which the trial's id is derived.
using System.Security.Cryptography;
using System.Text;
using EdgeSdk.Recipes;

namespace EdgeSdk.Search;

/// <summary>The option values of one trial.</summary>
internal sealed class TrialAssignment : IEquatable<TrialAssignment>
{
    /// <summary>Creates an assignment from indices into each parameter's values.</summary>
    public TrialAssignment(IReadOnlyList<SearchParameter> parameters, IReadOnlyList<int> indices)
    {
        if (parameters.Count != indices.Count)
        {
            throw new ArgumentException("One index per parameter is needed.", nameof(indices));
        }

        Parameters = parameters;
        Indices = indices.ToArray();
        Canonical = string.Join(";", parameters.Select((p, i) => p.Key + "=" + ValueText(p.Values[indices[i]])));
        Id = "t" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)))[..10];
    }

    /// <summary>Gets the searched parameters.</summary>
    public IReadOnlyList<SearchParameter> Parameters { get; }

    /// <summary>Gets the index of the chosen value of each parameter.</summary>
    public IReadOnlyList<int> Indices { get; }

    /// <summary>Gets the canonical text (<c>quantize.calibration="minmax";prune.sparsity=0.5</c>).</summary>
    public string Canonical { get; }

    /// <summary>Gets the trial's stable id (a hash of <see cref="Canonical"/>).</summary>
    public string Id { get; }

    /// <summary>Gets the value of parameter <paramref name="i"/>.</summary>
    public object? Value(int i) => Parameters[i].Values[Indices[i]];

    /// <summary>Gets the values by key, as text, in section order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Texts => Parameters.Select((p, i) => new KeyValuePair<string, string>(p.Key, DisplayText(Value(i)))).ToList();

    /// <summary>Formats a value as JSON (the canonical form used in fingerprints).</summary>
    public static string ValueText(object? value) => SearchParameter.ValueText(value);

    /// <summary>Formats a value for people (<c>minmax</c>, <c>0.5</c>, <c>true</c>).</summary>
    public static string DisplayText(object? value) => SearchParameter.DisplayText(value);

    /// <summary>Gets <c>a=1, b=x</c>.</summary>
    public override string ToString() => string.Join(", ", Texts.Select(kv => kv.Key + "=" + kv.Value));

    /// <inheritdoc/>
    public bool Equals(TrialAssignment? other) => other is not null && other.Canonical == Canonical;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TrialAssignment);

    /// <inheritdoc/>
    public override int GetHashCode() => Canonical.GetHashCode(StringComparison.Ordinal);
}
