// Reads a recipe's `budgets` list. Each entry names its kind explicitly, never implied:
//   - accuracy: {max_absolute_drop: 0.5 points}      - latency: {p90: 5 ms}
//   - accuracy: {max_relative_drop: 1%}              - size: {max: 200 KB}
//   - accuracy: {min: 97%}                           - memory: {max: 16 MB}    - macs: {max: 2.5M}
//   - accuracy: {metric: MeanAbsoluteError, max: 50} - speedup: {min: 1.5x, percentile: p90}
// plus optional `metric`, `name` and `warning` inside the entry (`strict` for timing budgets). Limits are
// converted to canonical units; a metric's limit is in its own units and judged in its own direction
// (MetricDefinition): `min` is a floor for higher-is-better metrics, `max` a ceiling for lower-is-better ones.
using EdgeSdk.Evaluation;
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>budgets</c> section.</summary>
internal static class BudgetSectionReader
{
    /// <summary>Budget kinds (the one key of each entry).</summary>
    public static readonly IReadOnlyList<string> Kinds = ["accuracy", "latency", "speedup", "size", "memory", "macs"];

    /// <summary>Keys timing budgets (latency, speedup) accept besides their limit and the common keys.</summary>
    public static readonly IReadOnlyList<string> TimingKeys = ["strict"];

    /// <summary>Latency percentiles a speedup budget can compare.</summary>
    public static readonly IReadOnlyList<string> Percentiles = ["p50", "p90", "p99"];

    /// <summary>Units of a speedup (a ratio, written <c>1.5x</c>).</summary>
    public static readonly IReadOnlyDictionary<string, double> Times = new Dictionary<string, double>(StringComparer.Ordinal) { ["x"] = 1, ["×"] = 1 };

    /// <summary>Keys every entry accepts besides its limit.</summary>
    public static readonly IReadOnlyList<string> CommonKeys = ["name", "warning"];

    /// <summary>Limit keys per kind.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> LimitKeys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["accuracy"] = ["max_absolute_drop", "max_relative_drop", "min", "max"],
        ["latency"] = ["p50", "p90", "p99"],
        ["speedup"] = ["min"],
        ["size"] = ["max"],
        ["memory"] = ["max"],
        ["macs"] = ["max"],
    };

    /// <summary>Units of an absolute accuracy drop (percentage points).</summary>
    public static readonly IReadOnlyDictionary<string, double> Points = new Dictionary<string, double>(StringComparer.Ordinal) { ["points"] = 0.01, ["pp"] = 0.01 };
    /// <summary>Units of a relative drop.</summary>
    public static readonly IReadOnlyDictionary<string, double> Percent = new Dictionary<string, double>(StringComparer.Ordinal) { ["%"] = 0.01 };
    private static readonly IReadOnlyDictionary<string, double> PercentOrFraction = new Dictionary<string, double>(StringComparer.Ordinal) { ["%"] = 0.01, [string.Empty] = 1 };
    private static readonly IReadOnlyDictionary<string, double> Plain = new Dictionary<string, double>(StringComparer.Ordinal) { [string.Empty] = 1 };

    /// <summary>Returns the budgets that are valid (errors are reported for the others).</summary>
    public static IReadOnlyList<BudgetSpec> Read(YamlReadContext context, YamlNode node, EvaluateSpec evaluate)
    {
        var result = new List<BudgetSpec>();
        if (YamlReadContext.IsNull(node))
        {
            return result;
        }

        if (node is not YamlSequenceNode sequence)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'budgets' must be a list of entries such as '- latency: {{p90: 5 ms}}', not {YamlReadContext.Describe(node)}.", node);
            return result;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in sequence.Children)
        {
            if (ReadEntry(context, entry, evaluate) is not { } budget)
            {
                continue;
            }

            if (!names.Add(budget.Name))
            {
                context.Error(DiagnosticCatalog.Recipes.Duplicate, $"Two budgets are named '{budget.Name}'; give one a different 'name'.", entry);
                continue;
            }

            result.Add(budget);
        }

        return result;
    }

    private static BudgetSpec? ReadEntry(YamlReadContext context, YamlNode entry, EvaluateSpec evaluate)
    {
        const string Example = "'- accuracy: {max_absolute_drop: 0.5 points}' or '- latency: {p90: 5 ms}'";
        if (entry is YamlMappingNode { Children.Count: > 1 } several
            && several.Children.Count(c => c.Key is YamlScalarNode { Value: { } k } && Kinds.Contains(k)) == 1
            && several.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } k } && !Kinds.Contains(k)).Key is YamlScalarNode { Value: { } extra } extraNode)
        {
            var owner = several.Children.First(c => c.Key is YamlScalarNode { Value: { } k } && Kinds.Contains(k)).Key;
            context.Error(DiagnosticCatalog.Recipes.BadBudget, $"'{extra}' belongs inside the budget's braces, e.g. '- {((YamlScalarNode)owner).Value}: {{…, {extra}: …}}'.", extraNode);
            return null;
        }

        if (entry is not YamlMappingNode { Children.Count: 1 } outer || outer.Children.Single().Key is not YamlScalarNode { Value: { } kind } kindNode)
        {
            context.Error(DiagnosticCatalog.Recipes.BadBudget, $"Each budget is one kind ({string.Join(", ", Kinds)}) with its limit, e.g. {Example}.", entry);
            return null;
        }

        if (!LimitKeys.TryGetValue(kind, out var limits))
        {
            context.Error(DiagnosticCatalog.Recipes.UnknownKey, $"Unknown budget kind '{kind}'.{DidYouMean.Hint(kind, Kinds)} Kinds: {string.Join(", ", Kinds)}.", kindNode);
            return null;
        }

        var what = "budgets." + kind;
        var keys = kind switch
        {
            "accuracy" => [.. limits, "metric", .. CommonKeys],
            "latency" => [.. limits, .. CommonKeys, .. TimingKeys],
            "speedup" => [.. limits, "percentile", .. CommonKeys, .. TimingKeys],
            _ => limits.Concat(CommonKeys).ToList(),
        };
        var body = outer.Children.Single().Value;
        var map = context.Map(body, what, keys);
        if (map is null)
        {
            return null;
        }

        var present = limits.Where(map.Has).ToList();
        if (present.Count == 0 && map.HadUnknownKeys)
        {
            return null;
        }

        if (present.Count != 1)
        {
            var message = present.Count == 0
                ? $"The {kind} budget needs one limit: {string.Join(", ", limits)}."
                : $"The {kind} budget has {present.Count} limits ({string.Join(", ", present)}); write one budget entry per limit.";
            context.Error(DiagnosticCatalog.Recipes.BadBudget, message, body);
            return null;
        }

        var limitKey = present[0];
        var valueNode = map[limitKey]!;
        var metric = string.Empty;
        if (kind == "accuracy")
        {
            metric = ReadMetric(context, map, evaluate);
            if (metric.Length == 0)
            {
                return null;
            }
        }

        var limit = ReadLimit(context, kind, limitKey, metric, valueNode, $"{what}.{limitKey}");
        var name = map["name"] is { } nameNode ? context.String(nameNode, what + ".name") : $"{(kind == "accuracy" ? metric : kind)}.{limitKey}";
        var warning = map["warning"] is { } warningNode ? context.Boolean(warningNode, what + ".warning") : false;
        var strict = map["strict"] is { } strictNode ? context.Boolean(strictNode, what + ".strict") : false;
        var percentile = map["percentile"] is { } percentileNode ? context.OneOf(percentileNode, what + ".percentile", Percentiles) : "p50";
        if (limit is null || name is null || warning is null || strict is null || percentile is null)
        {
            return null;
        }

        return new BudgetSpec
        {
            Name = name,
            Kind = KindOf(kind, limitKey),
            Metric = metric,
            Limit = limit.Value,
            Text = ((YamlScalarNode)valueNode).Value ?? string.Empty,
            Severity = warning.Value ? Diagnostics.DiagnosticSeverity.Warning : Diagnostics.DiagnosticSeverity.Error,
            Strict = strict.Value,
            Percentile = percentile,
            Location = context.At(valueNode),
        };
    }

    private static string ReadMetric(YamlReadContext context, YamlMap map, EvaluateSpec evaluate)
    {
        if (map["metric"] is not { } metricNode)
        {
            return evaluate.Metrics[0];
        }

        var name = context.String(metricNode, "budgets.accuracy.metric");
        if (name is null)
        {
            return string.Empty;
        }

        var match = evaluate.Metrics.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var known = MetricNames.For(evaluate.Task);
            var hint = known.Contains(name, StringComparer.OrdinalIgnoreCase)
                ? $" Add it to 'evaluate.metrics' (now: {string.Join(", ", evaluate.Metrics)})."
                : $"{DidYouMean.Hint(name, known)} Metrics for {evaluate.Task.ToString().ToLowerInvariant()}: {string.Join(", ", known)}.";
            context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"The budget's metric '{name}' is not evaluated.{hint}", metricNode);
            return string.Empty;
        }

        return match;
    }

    private static double? ReadLimit(YamlReadContext context, string kind, string limitKey, string metric, YamlNode node, string what)
    {
        switch (kind)
        {
            case "latency":
                return Quantity.Read(context, node, what, Quantity.TimeToMilliseconds, "5 ms", min: 0);
            case "size":
            case "memory":
                return Quantity.Read(context, node, what, Quantity.SizeToBytes, "200 KB", min: 0);
            case "macs":
                return Quantity.Read(context, node, what, Quantity.CountSuffixes, "2.5M", min: 0);
            case "speedup":
                return Quantity.Read(context, node, what, Times, "1.5x", min: 0);
        }

        var fraction = MetricNames.IsFraction(metric);
        if (limitKey == "max_relative_drop")
        {
            return Quantity.Read(context, node, what, Percent, "1%", min: 0, max: 1);
        }

        if (limitKey == "max_absolute_drop")
        {
            return fraction
                ? Quantity.Read(context, node, what, Points, "0.5 points", min: 0, max: 1)
                : Quantity.Read(context, node, what, Plain, "0.05", min: 0);
        }

        var lowerIsBetter = MetricNames.IsLowerBetter(metric);
        if (limitKey == "min" && lowerIsBetter)
        {
            context.Error(DiagnosticCatalog.Recipes.BadBudget, $"'min' does not fit '{metric}', where lower is better: a floor would pass any worse model. Write its ceiling with 'max' (e.g. {{metric: {metric}, max: …}}), or bound the worsening with max_absolute_drop or max_relative_drop.", node);
            return null;
        }

        if (limitKey == "max" && !lowerIsBetter)
        {
            context.Error(DiagnosticCatalog.Recipes.BadBudget, $"'max' does not fit '{metric}', where higher is better: a ceiling would pass any worse model. Write its floor with 'min' (e.g. {{metric: {metric}, min: …}}), or bound the worsening with max_absolute_drop or max_relative_drop.", node);
            return null;
        }

        return fraction
            ? Quantity.Read(context, node, what, PercentOrFraction, "97%", min: 0, max: 1)
            : Quantity.Read(context, node, what, Plain, "30", min: double.NegativeInfinity);
    }

    private static BudgetKind KindOf(string kind, string limitKey) => (kind, limitKey) switch
    {
        ("accuracy", "max_absolute_drop") => BudgetKind.AccuracyDropAbsolute,
        ("accuracy", "max_relative_drop") => BudgetKind.AccuracyDropRelative,
        ("accuracy", "max") => BudgetKind.AccuracyCeiling,
        ("accuracy", _) => BudgetKind.AccuracyFloor,
        ("speedup", _) => BudgetKind.Speedup,
        ("latency", "p50") => BudgetKind.LatencyP50,
        ("latency", "p90") => BudgetKind.LatencyP90,
        ("latency", _) => BudgetKind.LatencyP99,
        ("size", _) => BudgetKind.ModelSize,
        ("memory", _) => BudgetKind.PeakMemory,
        _ => BudgetKind.Macs,
    };
}
