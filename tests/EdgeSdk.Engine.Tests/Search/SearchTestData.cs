// Hand-made search spaces, measurements and budgets for the search unit tests (no model is run).
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;
using EdgeSdk.Search;

namespace EdgeSdk.Tests.Search;

internal static class SearchTestData
{
    public static readonly SourceLocation At = new("recipe.yaml", 20, 5);

    public static SearchParameter Parameter(string key, params object?[] values)
    {
        var dot = key.LastIndexOf('.');
        return new SearchParameter(key[..dot], key[(dot + 1)..], values, At);
    }

    public static StageMeasurement Stage(string name, double accuracy, double p50, long bytes = 100_000) => new()
    {
        Name = name,
        Sha256 = name,
        Bytes = bytes,
        PeakMemoryBytes = bytes * 2,
        Metrics = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["MicroAccuracy"] = accuracy },
        Latency = new LatencySummary { P50Ms = p50, P90Ms = p50 * 1.2, P99Ms = p50 * 1.5, Runs = 10, Batch = 1, Threads = 1 },
    };

    public static BudgetSpec AccuracyDrop(double points) => new()
    {
        Name = "accuracy",
        Kind = BudgetKind.AccuracyDropAbsolute,
        Metric = "accuracy",
        Limit = points / 100,
        Text = $"{points} points",
        Location = At,
    };

    public static BudgetSpec LatencyP50(double ms) => new()
    {
        Name = "latency",
        Kind = BudgetKind.LatencyP50,
        Limit = ms,
        Text = $"{ms} ms",
        Location = At,
    };

    public static BudgetSpec Size(long bytes) => new()
    {
        Name = "size",
        Kind = BudgetKind.ModelSize,
        Limit = bytes,
        Text = $"{bytes} B",
        Location = At,
    };

    public static TrialResult Trial(string id, int order, StageMeasurement? measurement) => new()
    {
        Id = id,
        Order = order,
        Indices = [order - 1],
        Parameters = [new("quantize.mode", id)],
        Measurement = measurement,
        Error = measurement is null ? "EDGE2101: failed" : null,
    };
}
