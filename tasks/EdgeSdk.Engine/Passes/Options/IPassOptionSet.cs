// The non-generic face of a pass's option declarations: what the recipe loader, the schema and README
// generators and the search helper need without knowing the pass's options type.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Options;

/// <summary>The declared options of one pass and their binding.</summary>
internal interface IPassOptionSet
{
    /// <summary>Gets the pass's recipe name.</summary>
    string Pass { get; }

    /// <summary>Gets every option, in declaration order.</summary>
    IReadOnlyList<PassOptionInfo> Options { get; }

    /// <summary>Returns the option with this key, or null.</summary>
    PassOptionInfo? Find(string key);

    /// <summary>Returns the message for a key the pass does not declare (with a did-you-mean, or the reason a key was removed).</summary>
    string UnknownKeyMessage(string key);

    /// <summary>
    /// Checks each value (known key, type, range, allowed values) and reports every error; returns the
    /// canonical values when all are valid, otherwise null.
    /// </summary>
    IReadOnlyDictionary<string, OptionValue>? CheckValues(IReadOnlyDictionary<string, OptionValue> values, OptionBindContext context, ICollection<EdgeDiagnostic> diagnostics);

    /// <summary>
    /// Binds <paramref name="values"/> (keys as in recipes) to the pass's options type: checks every value,
    /// reports required options that are unset, fills in defaults and runs the pass's cross-field checks.
    /// Every error is added to <paramref name="diagnostics"/>, located at the offending value or at the pass
    /// entry; the result is null when there was any.
    /// </summary>
    BoundPassOptions? Bind(IReadOnlyDictionary<string, OptionValue> values, OptionBindContext context, ICollection<EdgeDiagnostic> diagnostics);
}
