// Reads a recipe's `search:` section: the pass options to explore (`pass.option: [values]`, each value
// validated against the option like a value in `passes`), the objective, the strategy, the seed and the
// trial budget. Every mistake is a located error naming what to write instead.
using EdgeSdk.Evaluation;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>search</c> section.</summary>
internal static class SearchSectionReader
{
    /// <summary>Keys of <c>search</c>.</summary>
    public static readonly IReadOnlyList<string> Keys = ["parameters", "objective", "strategy", "trials", "time", "seed"];

    /// <summary>Strategy names.</summary>
    public static readonly IReadOnlyList<string> Strategies = ["auto", "exhaustive", "tpe"];

    /// <summary>Returns the section, or null when it is empty or has errors (reported in the context).</summary>
    public static SearchSpec? Read(YamlReadContext context, YamlNode node, IReadOnlyList<PassSpec> passes, IReadOnlyDictionary<string, IPass> catalog, EvaluateSpec evaluate)
    {
        if (YamlReadContext.IsNull(node))
        {
            return null;
        }

        var map = context.Map(node, "search", Keys);
        if (map is null)
        {
            return null;
        }

        var errors = context.Diagnostics.Count;
        var parameters = new List<SearchParameter>();
        if (map["parameters"] is not { } parametersNode)
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, "'search' needs 'parameters': the pass options to explore, e.g. 'quantize.calibration: [minmax, entropy]'.", node);
        }
        else if (parametersNode is not YamlMappingNode parametersMap || parametersMap.Children.Count == 0)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'search.parameters' must map 'pass.option' to a list of values (e.g. 'prune.sparsity: [0, 0.25, 0.5]'), not {YamlReadContext.Describe(parametersNode)}.", parametersNode);
        }
        else
        {
            foreach (var (keyNode, valuesNode) in parametersMap.Children)
            {
                if (ReadParameter(context, keyNode, valuesNode, passes, catalog) is { } parameter)
                {
                    if (parameters.Any(p => p.Key == parameter.Key))
                    {
                        context.Error(DiagnosticCatalog.Recipes.Duplicate, $"'search.parameters' lists '{parameter.Key}' twice.", keyNode);
                        continue;
                    }

                    parameters.Add(parameter);
                }
            }
        }

        var objective = map["objective"] is { } objectiveNode ? ReadObjective(context, objectiveNode, evaluate.Task) : SearchObjective.Default;
        var strategy = map["strategy"] is { } strategyNode && context.OneOf(strategyNode, "search.strategy", Strategies) is { } s
            ? Enum.Parse<SearchStrategyKind>(s, ignoreCase: true)
            : SearchStrategyKind.Auto;
        var trials = map["trials"] is { } trialsNode ? (int?)context.Integer(trialsNode, "search.trials", 1, 100_000) : null;
        var time = map["time"] is { } timeNode ? Quantity.Read(context, timeNode, "search.time", Quantity.TimeToSeconds, "30 min", min: 1) : null;
        var seed = map["seed"] is { } seedNode ? (int?)context.Integer(seedNode, "search.seed", 0, int.MaxValue) : null;
        if (context.Diagnostics.Count > errors || objective is null)
        {
            return null;
        }

        return new SearchSpec
        {
            Parameters = parameters,
            Objective = objective,
            Strategy = strategy,
            Seed = seed ?? 1,
            MaxTrials = trials,
            MaxSeconds = time,
            Location = context.At(node),
        };
    }

    private static SearchParameter? ReadParameter(YamlReadContext context, YamlNode keyNode, YamlNode valuesNode, IReadOnlyList<PassSpec> passes, IReadOnlyDictionary<string, IPass> catalog)
    {
        if (context.String(keyNode, "search.parameters key") is not { } key)
        {
            return null;
        }

        var dot = key.LastIndexOf('.');
        if (dot <= 0 || dot == key.Length - 1)
        {
            context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'search.parameters' key '{key}' must be 'pass.option' (a pass of the recipe and one of its options), e.g. 'quantize.calibration'.", keyNode);
            return null;
        }

        var passName = key[..dot];
        var option = key[(dot + 1)..];
        var pass = passes.FirstOrDefault(p => p.Name == passName);
        if (pass is null)
        {
            var names = passes.Select(p => p.Name).ToList();
            context.Error(DiagnosticCatalog.Search.UnknownSearchedPass, $"'search.parameters' names pass '{passName}', which the recipe's passes do not list.{DidYouMean.Hint(passName, names)} Passes: {(names.Count == 0 ? "none" : string.Join(", ", names))}. Add it to 'passes' (with 'enabled: false' to search whether to run it).", keyNode);
            return null;
        }

        if (!catalog.TryGetValue(pass.Kind, out var implementation))
        {
            return null;
        }

        PassOptionInfo? declared = null;
        if (option != SearchSpec.EnabledOption)
        {
            declared = implementation.Options.Find(option);
            if (declared is null)
            {
                context.Error(DiagnosticCatalog.Search.UnknownSearchedOption, $"Pass '{passName}' ({pass.Kind}): {implementation.Options.UnknownKeyMessage(option)} ('{SearchSpec.EnabledOption}' switches the pass on and off.)", keyNode);
                return null;
            }
        }

        if (valuesNode is not YamlSequenceNode sequence || sequence.Children.Count == 0)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'search.parameters.{key}' must be a non-empty list of values to try, e.g. [a, b], not {YamlReadContext.Describe(valuesNode)}.", valuesNode);
            return null;
        }

        var values = new List<object?>();
        var ok = true;
        var recipeDirectory = Path.GetDirectoryName(Path.GetFullPath(context.DefaultFile)) ?? ".";
        foreach (var item in sequence.Children)
        {
            var value = declared is null ? context.Boolean(item, $"search.parameters.{key}") : Checked(context, item, $"search.parameters.{key}", pass, declared, recipeDirectory);
            if (value is null)
            {
                ok = false;
                continue;
            }

            var text = SearchParameter.ValueText(value);
            if (values.Any(v => SearchParameter.ValueText(v) == text))
            {
                context.Error(DiagnosticCatalog.Recipes.Duplicate, $"'search.parameters.{key}' lists {SearchParameter.DisplayText(value)} twice.", item);
                ok = false;
                continue;
            }

            values.Add(value);
        }

        return ok ? new SearchParameter(passName, option, values, context.At(keyNode)) : null;
    }

    /// <summary>
    /// Parses one value in the option's shape and binds it over the recipe's options of that pass, so the value
    /// meets every rule the option has in <c>passes</c> (range, allowed values, the pass's cross-field checks);
    /// returns its canonical spelling.
    /// </summary>
    private static object? Checked(YamlReadContext context, YamlNode node, string what, PassSpec pass, PassOptionInfo option, string recipeDirectory)
    {
        object? parsed = option.Kind switch
        {
            OptionKind.Boolean => context.Boolean(node, what),
            OptionKind.Integer => context.Integer(node, what),
            OptionKind.Number => context.Number(node, what),
            OptionKind.StringList => context.StringList(node, what)?.ToArray(),
            _ => context.String(node, what),
        };
        if (parsed is null)
        {
            return null;
        }

        var binding = PassOptions.Bind(pass.Options, new Dictionary<string, OptionValue> { [option.Key] = new(parsed, context.At(node)) }, recipeDirectory, checkFilesExist: false);
        foreach (var diagnostic in binding.Diagnostics)
        {
            context.ErrorFrom(diagnostic with { Location = diagnostic.Location ?? context.At(node) });
        }

        return binding.Options?.Explicit[option.Key].Value;
    }

    private static SearchObjective? ReadObjective(YamlReadContext context, YamlNode node, EvaluationTask task)
    {
        if (node is YamlScalarNode)
        {
            return context.String(node, "search.objective") is { } name ? Objective(context, node, name, maximize: false, task) : null;
        }

        var map = context.Map(node, "search.objective", ["minimize", "maximize"]);
        if (map is null)
        {
            return null;
        }

        var entries = map.Entries;
        if (entries.Count != 1)
        {
            context.Error(DiagnosticCatalog.Recipes.InvalidValue, "'search.objective' takes exactly one of 'minimize' or 'maximize', e.g. '{minimize: latency_p50}' or '{maximize: accuracy}'.", node);
            return null;
        }

        return context.String(entries[0].Value, "search.objective." + entries[0].Key) is { } quantity ? Objective(context, entries[0].Value, quantity, entries[0].Key == "maximize", task) : null;
    }

    private static SearchObjective? Objective(YamlReadContext context, YamlNode node, string name, bool maximize, EvaluationTask task)
    {
        var objective = SearchObjective.Parse(name, maximize);
        if (objective.Quantity == ObjectiveQuantity.Metric && !MetricNames.For(task).Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            var known = SearchObjective.QuantityNames.Concat(MetricNames.For(task)).ToList();
            context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'search.objective' names '{name}', which is neither a measured quantity nor a metric.{DidYouMean.Hint(name, known)} Use one of: {string.Join(", ", known)}.", node);
            return null;
        }

        return objective;
    }
}
