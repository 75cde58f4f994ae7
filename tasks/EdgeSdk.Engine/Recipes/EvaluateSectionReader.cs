// Reads a recipe's `evaluate` section: task, metric names (checked against the task's vocabulary) and
// latency settings.
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>evaluate</c> section.</summary>
internal static class EvaluateSectionReader
{
    private static readonly IReadOnlyList<string> Keys = ["task", "metrics", "latency"];
    private static readonly IReadOnlyList<string> LatencyKeys = ["warmup", "runs", "batch", "threads", "duration"];
    private static readonly IReadOnlyList<string> Tasks = ["multiclass", "binary", "regression"];

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
            context.Error(RecipeDiagnosticCodes.MissingKey, "'evaluate.metrics' is empty; name at least one metric.", node);
        }

        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        var result = new List<string>();
        for (var i = 0; i < names.Count; i++)
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, names[i], StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                context.Error(RecipeDiagnosticCodes.InvalidValue, $"'{names[i]}' is not a {task.ToString().ToLowerInvariant()} metric.{DidYouMean.Hint(names[i], allowed)} Metrics: {string.Join(", ", allowed)}.", items[i]);
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
            latency = key switch
            {
                "warmup" => context.Integer(value, path, 0, 1_000_000) is { } w ? latency with { Warmup = (int)w } : latency,
                "runs" => context.Integer(value, path, 1, 10_000_000) is { } r ? latency with { Runs = (int)r } : latency,
                "batch" => context.Integer(value, path, 1, 65_536) is { } b ? latency with { Batch = (int)b } : latency,
                "threads" => context.Integer(value, path, 1, 1024) is { } t ? latency with { Threads = (int)t } : latency,
                _ => Quantity.Read(context, value, path, Quantity.TimeToSeconds, "10 s", min: 0) is { } d ? latency with { DurationSeconds = d } : latency,
            };
        }

        return latency;
    }
}
