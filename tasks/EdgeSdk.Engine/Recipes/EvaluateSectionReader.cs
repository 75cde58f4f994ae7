// Reads a recipe's `evaluate` section: task, metric names (checked against the task's vocabulary) and
// latency settings.
using EdgeSdk.Evaluation;
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>evaluate</c> section.</summary>
internal static class EvaluateSectionReader
{
    /// <summary>Keys of <c>evaluate</c>.</summary>
    public static readonly IReadOnlyList<string> Keys = ["task", "metrics", "latency"];

    /// <summary>Keys of <c>evaluate.latency</c>.</summary>
    public static readonly IReadOnlyList<string> LatencyKeys = ["warmup", "runs", "batch", "threads", "duration", "max_duration"];

    /// <summary>Task names.</summary>
    public static readonly IReadOnlyList<string> Tasks = ["multiclass", "binary", "regression"];

    /// <summary>Inclusive ranges of the whole-number latency settings.</summary>
    public static readonly IReadOnlyDictionary<string, (long Min, long Max)> LatencyRanges = new Dictionary<string, (long, long)>(StringComparer.Ordinal)
    {
        ["warmup"] = (0, 1_000_000),
        ["runs"] = (1, 10_000_000),
        ["batch"] = (1, 65_536),
        ["threads"] = (1, 1024),
    };

    /// <summary>Returns the settings (defaults where the recipe is silent or wrong; errors are reported).</summary>
    public static EvaluateSpec Read(YamlReadContext context, YamlNode node)
    {
        var spec = new EvaluateSpec();
        var map = context.Map(node, "evaluate", Keys);
        if (map is null)
        {
            return spec;
        }

        if (map["task"] is { } taskNode && context.OneOf(taskNode, "evaluate.task", Tasks) is { } task)
        {
            spec = spec with { Task = Enum.Parse<EvaluationTask>(task, ignoreCase: true) };
        }

        var allowed = MetricNames.For(spec.Task);
        if (map["metrics"] is { } metricsNode)
        {
            spec = spec with { Metrics = ReadMetrics(context, metricsNode, allowed, spec.Task) };
        }
        else
        {
            spec = spec with { Metrics = [MetricNames.DefaultFor(spec.Task)] };
        }

        if (map["latency"] is { } latencyNode)
        {
            spec = spec with { Latency = ReadLatency(context, latencyNode) };
        }

        return spec;
    }

    private static IReadOnlyList<string> ReadMetrics(YamlReadContext context, YamlNode node, IReadOnlyList<string> allowed, EvaluationTask task)
    {
        var names = context.StringList(node, "evaluate.metrics");
        if (names is null)
        {
            return [MetricNames.DefaultFor(task)];
        }

        if (names.Count == 0)
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, "'evaluate.metrics' is empty; name at least one metric.", node);
        }

        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var result = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, names[i], StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{names[i]}' is not a {task.ToString().ToLowerInvariant()} metric.{DidYouMean.Hint(names[i], allowed)} Metrics: {string.Join(", ", allowed)}.", items[i]);
            }
            else if (!result.Contains(match))
            {
                result.Add(match);
            }
        }

        return result.Count > 0 ? result : [MetricNames.DefaultFor(task)];
    }

    private static LatencySpec ReadLatency(YamlReadContext context, YamlNode node)
    {
        var latency = new LatencySpec();
        var map = context.Map(node, "evaluate.latency", LatencyKeys);
        if (map is null)
        {
            return latency;
        }

        foreach (var (key, value) in map.Entries)
        {
            var path = "evaluate.latency." + key;
            if (key == "duration")
            {
                latency = Quantity.Read(context, value, path, Quantity.TimeToSeconds, "10 s", min: 0) is { } d ? latency with { DurationSeconds = d } : latency;
                continue;
            }

            if (key == "max_duration")
            {
                latency = Quantity.Read(context, value, path, Quantity.TimeToSeconds, "30 s", min: 0) is { } m ? latency with { MaxDurationSeconds = m } : latency;
                continue;
            }

            var (min, max) = LatencyRanges[key];
            if (context.Integer(value, path, min, max) is not { } v)
            {
                continue;
            }

            latency = key switch
            {
                "warmup" => latency with { Warmup = (int)v },
                "runs" => latency with { Runs = (int)v },
                "batch" => latency with { Batch = (int)v },
                _ => latency with { Threads = (int)v },
            };
        }

        return latency;
    }
}
