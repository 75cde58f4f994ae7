// The declarations of one pass's options type: every option (key, type, default, range, description and
// the property it binds to), keys that were removed with the reason, and the pass's cross-field checks that
// run when the recipe loads. Binding goes through here, both for recipes and for search overrides.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Passes.Options;

/// <summary>The option declarations of an options type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The pass's options type (an immutable record).</typeparam>
internal sealed class PassOptionSet<T> : IPassOptionSet
    where T : class
{
    private readonly T _empty;
    private readonly IReadOnlyList<PassOption<T>> _options;
    private readonly Func<T, OptionCheckContext, T>? _check;
    private readonly IReadOnlyDictionary<string, string> _removed;

    /// <summary>Creates the declarations.</summary>
    /// <param name="pass">The pass's recipe name.</param>
    /// <param name="empty">The options object defaults are applied to.</param>
    /// <param name="options">Every option, in the order docs list them.</param>
    /// <param name="check">Cross-field checks run after binding; they report errors and may return normalized options (e.g. a parsed pattern).</param>
    /// <param name="removed">Keys the pass does not take, with why (shown instead of a did-you-mean).</param>
    public PassOptionSet(string pass, T empty, IEnumerable<PassOption<T>> options, Func<T, OptionCheckContext, T>? check = null, IReadOnlyDictionary<string, string>? removed = null)
    {
        Pass = pass;
        _empty = empty;
        _options = options.ToList();
        _check = check;
        _removed = removed ?? new Dictionary<string, string>();
        Options = _options.Select(o => o.Info).ToList();
        var duplicate = Options.GroupBy(o => o.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Pass '{pass}' declares the option '{duplicate.Key}' twice.");
        }
    }

    /// <inheritdoc/>
    public string Pass { get; }

    /// <inheritdoc/>
    public IReadOnlyList<PassOptionInfo> Options { get; }

    /// <inheritdoc/>
    public PassOptionInfo? Find(string key) => Options.FirstOrDefault(o => o.Key == key);

    /// <inheritdoc/>
    public string UnknownKeyMessage(string key)
    {
        if (_removed.TryGetValue(key, out var why))
        {
            return $"Pass '{Pass}' has no parameter '{key}': {why}";
        }

        var known = Options.Select(o => o.Key).ToList();
        var list = known.Count == 0 ? "it takes no parameters" : "its parameters: " + string.Join(", ", known);
        return $"Pass '{Pass}' has no parameter '{key}'.{DidYouMean.Hint(key, known)} ({list}).";
    }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, OptionValue>? CheckValues(IReadOnlyDictionary<string, OptionValue> values, OptionBindContext context, ICollection<EdgeDiagnostic> diagnostics)
    {
        var valid = new SortedDictionary<string, OptionValue>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (key, value) in values)
        {
            if (Find(key) is not { } option)
            {
                diagnostics.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Recipes.UnknownKey, UnknownKeyMessage(key), value.Location ?? context.EntryLocation));
                ok = false;
                continue;
            }

            var outcome = OptionValueChecker.Check(option, value.Value, $"passes.{Pass}.{key}");
            if (!outcome.IsValid)
            {
                diagnostics.Add(EdgeDiagnostic.Error(outcome.Code!, outcome.Message!, value.Location ?? context.EntryLocation));
                ok = false;
                continue;
            }

            valid[key] = value with { Value = outcome.Value };
        }

        return ok ? valid : null;
    }

    /// <inheritdoc/>
    public BoundPassOptions? Bind(IReadOnlyDictionary<string, OptionValue> values, OptionBindContext context, ICollection<EdgeDiagnostic> diagnostics)
    {
        var valid = CheckValues(values, context, diagnostics);
        if (valid is null)
        {
            return null;
        }

        var ok = true;
        foreach (var option in Options.Where(o => o.Required && !valid.ContainsKey(o.Key)))
        {
            diagnostics.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Recipes.MissingPassParameter, $"Pass '{Pass}' needs the parameter '{option.Key}': {option.Description} Add '{option.Key}: …' to the pass entry.", context.EntryLocation));
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var bound = _empty;
        foreach (var option in _options)
        {
            bound = option.Apply(bound, valid.TryGetValue(option.Info.Key, out var value) ? value.Value : option.Info.Default);
        }

        if (_check is not null)
        {
            var checks = new OptionCheckContext(Pass, valid, context, diagnostics);
            bound = _check(bound, checks);
            if (checks.HasErrors)
            {
                return null;
            }
        }

        var canonical = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var option in _options)
        {
            canonical[option.Info.Key] = option.Read(bound);
        }

        return new BoundPassOptions(Pass, bound, canonical, valid, context.EntryLocation);
    }
}
