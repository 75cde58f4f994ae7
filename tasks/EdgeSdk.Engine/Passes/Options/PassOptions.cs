// The small API over pass options that tools above the pipeline use (the search helper enumerates each
// pass's options and binds trial values; tests and benchmarks bind options without a recipe): list a
// pass's options with type, range and allowed values, and bind a pass's options from the recipe's values
// plus overrides with the same validation, and the same located errors, as the recipe loader.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Options;

/// <summary>The outcome of binding options: the bound options, or the errors (located) that prevented it.</summary>
/// <param name="Options">The bound options, or null when there were errors.</param>
/// <param name="Diagnostics">Every error, located at the offending value or the pass entry.</param>
internal sealed record PassOptionBinding(BoundPassOptions? Options, IReadOnlyList<EdgeDiagnostic> Diagnostics)
{
    /// <summary>Gets whether binding succeeded.</summary>
    public bool Succeeded => Options is not null;
}

/// <summary>Enumerating and binding pass options.</summary>
internal static class PassOptions
{
    /// <summary>
    /// Lists the options of the pass named <paramref name="pass"/> (its recipe name, e.g. <c>quantize</c>), in
    /// declaration order: each with its key, <see cref="OptionKind"/>, default, inclusive
    /// <see cref="PassOptionInfo.Minimum"/>/<see cref="PassOptionInfo.Maximum"/> for numbers and
    /// <see cref="PassOptionInfo.AllowedValues"/> for enums.
    /// </summary>
    /// <exception cref="ArgumentException">No pass has that name.</exception>
    public static IReadOnlyList<PassOptionInfo> Describe(string pass) =>
        (PassCatalog.Find(pass) ?? throw new ArgumentException($"Unknown pass '{pass}'.", nameof(pass))).Options.Options;

    /// <summary>
    /// Binds a pass's options from the values the recipe set (<paramref name="recipeOptions"/>, as the loader
    /// bound them) with <paramref name="overrides"/> applied on top (one key, one value; an override replaces
    /// the recipe's value of that key). Validation is the loader's: unknown keys (did-you-mean), types,
    /// ranges, allowed values, required options and the pass's cross-field checks; errors point at the
    /// override's <see cref="OptionValue.Location"/>, else the recipe's value, else the pass entry.
    /// </summary>
    /// <param name="recipeOptions">The pass's options as the recipe loader bound them (<c>PassSpec.Options</c>).</param>
    /// <param name="overrides">Values to set, by recipe key; CLR shapes bool, long/int, double/float, string, list of strings.</param>
    /// <param name="recipeDirectory">The folder relative paths resolve against (the recipe's folder).</param>
    /// <param name="checkFilesExist">Whether files named by options must exist.</param>
    public static PassOptionBinding Bind(BoundPassOptions recipeOptions, IReadOnlyDictionary<string, OptionValue> overrides, string recipeDirectory, bool checkFilesExist = true)
    {
        var pass = PassCatalog.Find(recipeOptions.Pass) ?? throw new ArgumentException($"Unknown pass '{recipeOptions.Pass}'.", nameof(recipeOptions));
        var values = new Dictionary<string, OptionValue>(recipeOptions.Explicit, StringComparer.Ordinal);
        foreach (var (key, value) in overrides)
        {
            values[key] = value;
        }

        return Bind(pass, values, new OptionBindContext(recipeOptions.EntryLocation, recipeDirectory, checkFilesExist));
    }

    /// <summary>Binds <paramref name="values"/> to <paramref name="pass"/>'s options (see <see cref="IPassOptionSet.Bind"/>).</summary>
    public static PassOptionBinding Bind(IPass pass, IReadOnlyDictionary<string, OptionValue> values, OptionBindContext context)
    {
        var diagnostics = new List<EdgeDiagnostic>();
        var bound = pass.Options.Bind(values, context, diagnostics);
        return new PassOptionBinding(bound, diagnostics);
    }

    /// <summary>
    /// Binds plain values (no recipe; e.g. tests and benchmarks) and throws the first errors as an
    /// <see cref="EdgeException"/>. Relative paths resolve against <paramref name="recipeDirectory"/> (default: the current folder).
    /// </summary>
    public static BoundPassOptions BindOrThrow(IPass pass, IReadOnlyDictionary<string, object?>? values = null, string? recipeDirectory = null)
    {
        var binding = Bind(pass, (values ?? new Dictionary<string, object?>()).ToDictionary(v => v.Key, v => new OptionValue(v.Value), StringComparer.Ordinal), new OptionBindContext(null, recipeDirectory ?? Directory.GetCurrentDirectory()));
        return binding.Options ?? throw new EdgeException(binding.Diagnostics);
    }
}
