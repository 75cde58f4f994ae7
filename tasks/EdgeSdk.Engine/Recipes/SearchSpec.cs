// The recipe's `search:` section as the engine sees it: which pass options to explore over which values,
// what to optimize among the trials that meet every budget, how to pick trials and how many to run. It lives
// in Recipes, which reads it from YAML, so a recipe does not depend on the search that runs it.
using System.Globalization;
using System.Text.Json;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>How trials are proposed.</summary>
internal enum SearchStrategyKind
{
    /// <summary>Exhaustive when the grid fits the trial budget, TPE otherwise.</summary>
    Auto,
    /// <summary>Every point of the grid (a seeded order when the trial budget is smaller than the grid).</summary>
    Exhaustive,
    /// <summary>Tree-structured Parzen estimator over the categorical values (sample-efficient for large spaces).</summary>
    Tpe,
}

/// <summary>One searched option: <c>pass.option: [values]</c>.</summary>
/// <param name="Pass">The pass's name in the recipe (its <c>name</c>, or its kind).</param>
/// <param name="Option">The option name, or <c>enabled</c> to switch the pass on and off.</param>
/// <param name="Values">The values to try, validated against the option (boxed bool, long, double, string or string[]).</param>
/// <param name="Location">Where the entry is written.</param>
internal sealed record SearchParameter(string Pass, string Option, IReadOnlyList<object?> Values, SourceLocation? Location = null)
{
    /// <summary>Gets the key as the recipe writes it (<c>quantize.calibration</c>).</summary>
    public string Key => Pass + "." + Option;

    /// <summary>Formats a value as JSON (the canonical form used in fingerprints).</summary>
    public static string ValueText(object? value) => JsonSerializer.Serialize(value);

    /// <summary>Formats a value for people (<c>minmax</c>, <c>0.5</c>, <c>true</c>).</summary>
    public static string DisplayText(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable<string> list => "[" + string.Join(", ", list) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };
}

/// <summary>The validated <c>search:</c> section.</summary>
internal sealed record SearchSpec
{
    /// <summary>The option name that switches a searched pass on and off.</summary>
    public const string EnabledOption = "enabled";

    /// <summary>Gets the searched options in recipe order.</summary>
    public required IReadOnlyList<SearchParameter> Parameters { get; init; }

    /// <summary>Gets what picks among the trials that meet every budget.</summary>
    public SearchObjective Objective { get; init; } = SearchObjective.Default;

    /// <summary>Gets the strategy.</summary>
    public SearchStrategyKind Strategy { get; init; } = SearchStrategyKind.Auto;

    /// <summary>Gets the random seed (trial order and TPE sampling).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Gets the most trials to run, or null for no count limit (then the grid, capped at <see cref="DefaultMaxTrials"/>).</summary>
    public int? MaxTrials { get; init; }

    /// <summary>Gets the wall-clock budget in seconds, or null for none.</summary>
    public double? MaxSeconds { get; init; }

    /// <summary>Gets where the section starts.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The trial count used when the recipe sets neither a count nor a time budget and the grid is larger.</summary>
    public const int DefaultMaxTrials = 32;

    /// <summary>Gets the number of grid points.</summary>
    public long GridSize => Parameters.Aggregate(1L, (n, p) => n * Math.Max(1, p.Values.Count));

    /// <summary>Gets the trial count limit in effect.</summary>
    public int TrialLimit => MaxTrials ?? (MaxSeconds is null ? (int)Math.Min(GridSize, DefaultMaxTrials) : (int)Math.Min(GridSize, int.MaxValue));

    /// <summary>Gets the strategy actually used (<see cref="SearchStrategyKind.Auto"/> resolved).</summary>
    public SearchStrategyKind EffectiveStrategy => Strategy != SearchStrategyKind.Auto ? Strategy : GridSize <= TrialLimit ? SearchStrategyKind.Exhaustive : SearchStrategyKind.Tpe;
}
