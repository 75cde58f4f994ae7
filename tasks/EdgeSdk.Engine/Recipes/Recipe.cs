// The validated recipe as the pipeline sees it: every path absolute, every quantity in canonical units,
// and the recipe location of each value that a later error (a missed budget, a failing pass) must point at.
using EdgeSdk.Data;
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>A loaded and validated recipe (see recipes/README.md for the language).</summary>
internal sealed record Recipe
{
    /// <summary>Gets the absolute path of the recipe file.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Gets the recipe language version (<c>recipe: 1</c>).</summary>
    public int Version { get; init; } = 1;

    /// <summary>Gets the absolute model path, or null/empty when the build item supplies the model.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Gets where the recipe set <c>model</c>, if it did.</summary>
    public SourceLocation? ModelLocation { get; init; }

    /// <summary>Gets the target device profile (recipe overrides applied; <see cref="TargetProfile.Host"/> when none is named).</summary>
    public required TargetProfile Target { get; init; }

    /// <summary>Gets where the recipe set <c>target</c>, if it did.</summary>
    public SourceLocation? TargetLocation { get; init; }

    /// <summary>Gets the data sets.</summary>
    public DataSetSpecs Data { get; init; } = DataSetSpecs.None;

    /// <summary>Gets the evaluation settings.</summary>
    public EvaluateSpec Evaluate { get; init; } = new();

    /// <summary>Gets the budgets, in recipe order.</summary>
    public IReadOnlyList<BudgetSpec> Budgets { get; init; } = [];

    /// <summary>Gets the passes, in recipe order (disabled ones included, with <see cref="PassSpec.Enabled"/> false).</summary>
    public IReadOnlyList<PassSpec> Passes { get; init; } = [];

    /// <summary>Gets the <c>search:</c> section, or null when the recipe searches nothing.</summary>
    public SearchSpec? Search { get; init; }

    /// <summary>Gets the recipes this one extends, nearest first (absolute paths).</summary>
    public IReadOnlyList<string> Extends { get; init; } = [];
}
