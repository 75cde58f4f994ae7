// What a pass's cross-field checks see while its options are bound: which keys the recipe set, where, the
// recipe's folder for paths, and an error sink that locates each error at the offending key's value, so
// `edgesdk validate` reports at the recipe line what the pass would otherwise reject when it runs.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Options;

/// <summary>The view of a binding that cross-field checks use.</summary>
internal sealed class OptionCheckContext
{
    private readonly string _pass;
    private readonly IReadOnlyDictionary<string, OptionValue> _values;
    private readonly OptionBindContext _bind;
    private readonly ICollection<EdgeDiagnostic> _diagnostics;

    /// <summary>Creates the context of one binding.</summary>
    public OptionCheckContext(string pass, IReadOnlyDictionary<string, OptionValue> values, OptionBindContext bind, ICollection<EdgeDiagnostic> diagnostics)
    {
        _pass = pass;
        _values = values;
        _bind = bind;
        _diagnostics = diagnostics;
    }

    /// <summary>Gets whether a check reported an error.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Gets whether files named by options must exist.</summary>
    public bool CheckFilesExist => _bind.CheckFilesExist;

    /// <summary>Returns whether the recipe (or an override) set <paramref name="key"/>.</summary>
    public bool IsSet(string key) => _values.ContainsKey(key);

    /// <summary>Returns the full path of a path written in an option (relative to the recipe's folder).</summary>
    public string ResolvePath(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(_bind.RecipeDirectory, path));

    /// <summary>Reports an error located at <paramref name="key"/>'s value (or at the pass entry when the key is unset).</summary>
    public void Error(DiagnosticDescriptor code, string message, string key)
    {
        HasErrors = true;
        var location = _values.GetValueOrDefault(key)?.Location ?? _bind.EntryLocation;
        _diagnostics.Add(EdgeDiagnostic.Error(code, $"{_pass}: {message}", location));
    }
}
