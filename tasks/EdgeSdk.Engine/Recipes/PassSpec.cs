// One entry of a recipe's `passes` list, with its options bound to the pass's options type at load.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Recipes;

/// <summary>One pass of a recipe.</summary>
internal sealed record PassSpec
{
    /// <summary>Gets the pass kind: its name in <see cref="PassCatalog"/> (e.g. <c>fuse</c>).</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the name for reports (the recipe's <c>name</c>, or the kind; unique in the recipe).</summary>
    public required string Name { get; init; }

    /// <summary>Gets whether the pass runs (<c>enabled: false</c> keeps it in the recipe but skips it).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Gets the bound options (typed, defaults filled in, cross-field checks passed), with the values the recipe set and where.</summary>
    public required BoundPassOptions Options { get; init; }

    /// <summary>Gets where the entry starts in the recipe.</summary>
    public required SourceLocation Location { get; init; }
}
