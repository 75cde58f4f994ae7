// Generates the JSON Schema of the recipe language (recipes/recipe.schema.json) from the same key lists,
// unit tables and ranges the readers use, and from each pass's PassDescriptor, so that the schema cannot
// drift from the loader. Editors use it for completion and validation; a test keeps the committed copy fresh.
using EdgeSdk.Evaluation;
using EdgeSdk.Targets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Recipes;

/// <summary>Builds the recipe JSON Schema (draft 2020-12 subset).</summary>
internal static class RecipeSchemaGenerator
{
    private const string NumberPattern = @"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?";

    /// <summary>Returns the schema as indented JSON with \n line endings and a final newline.</summary>
    public static string Generate(IReadOnlyDictionary<string, IPass> passes, IReadOnlyList<string> targetNames)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" };
        return Build(passes, targetNames).ToJsonString(options) + "\n";
    }

    /// <summary>Returns the schema as a JSON tree.</summary>
    public static JsonObject Build(IReadOnlyDictionary<string, IPass> passes, IReadOnlyList<string> targetNames)
    {
        var properties = new JsonObject
        {
            ["recipe"] = Describe(new JsonObject { ["const"] = RecipeReader.LatestVersion }, "Recipe language version; must be 1."),
            ["extends"] = Nullable(Str("A stock recipe name from recipes/ (e.g. cnn-int8-cpu) or a path to a recipe file; this recipe is merged over it key by key.")),
            ["model"] = Nullable(Str("Path of the ONNX model, relative to this file; ${Property} takes a build property. May be left out when the build item names the model.")),
            ["target"] = Nullable(Describe(new JsonObject
            {
                ["anyOf"] = new JsonArray(
                    Describe(new JsonObject { ["type"] = "string", ["examples"] = Array([.. targetNames, TargetProfile.Host.Name]) }, "A device profile from targets/."),
                    new JsonObject { ["$ref"] = "#/$defs/inlineTarget" }),
            }, "The device: a profile name, or an inline profile (optionally overriding one).")),
            ["data"] = Nullable(Obj(DataSectionReader.SetNames.Select(n => (n, (JsonNode)new JsonObject { ["$ref"] = "#/$defs/dataSet" })), "Data sets for calibration, training and evaluation.")),
            ["evaluate"] = Nullable(Evaluate()),
            ["budgets"] = Nullable(Describe(new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["oneOf"] = Array(BudgetSectionReader.Kinds.Select(Budget)) } }, "Budgets the final model must meet; each entry names its kind.")),
            ["passes"] = Nullable(Describe(new JsonObject { ["type"] = "array", ["items"] = Passes(passes) }, "Passes, run in order.")),
            ["search"] = Nullable(SearchSection()),
        };
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "recipe.schema.json",
            ["title"] = "EdgeSdk recipe",
            ["description"] = "Generated from the EdgeSdk recipe loader and pass catalog by `edgesdk schema`; do not edit.",
            ["type"] = "object",
            ["required"] = Array(["recipe"]),
            ["additionalProperties"] = false,
            ["properties"] = Ordered(properties, RecipeReader.Keys),
            ["$defs"] = new JsonObject
            {
                ["inlineTarget"] = InlineTarget(),
                ["dataSet"] = DataSet(),
                ["preprocess"] = Preprocess(),
            },
        };
    }

    private static JsonObject Evaluate()
    {
        var metrics = MetricNames.Multiclass.Concat(MetricNames.Binary).Concat(MetricNames.Regression).Concat(MetricNames.Fidelity).Distinct(StringComparer.Ordinal).ToList();
        var metric = new JsonObject { ["enum"] = Array(metrics) };
        var latency = new List<(string, JsonNode)>();
        foreach (var key in EvaluateSectionReader.LatencyKeys)
        {
            latency.Add(key switch
            {
                "duration" => (key, QuantityString(Quantity.TimeToSeconds, "Least time to keep measuring after the runs, e.g. '10 s'.")),
                "max_duration" => (key, QuantityString(Quantity.TimeToSeconds, "Most time to keep measuring while a timing budget's confidence interval straddles its limit, e.g. '30 s' (default 20 s).")),
                _ => (key, Integer(EvaluateSectionReader.LatencyRanges[key].Min, EvaluateSectionReader.LatencyRanges[key].Max, $"Latency {key}.")),
            });
        }

        return Obj(
            [
                ("task", Describe(new JsonObject { ["enum"] = Array(EvaluateSectionReader.Tasks) }, "What the model predicts.")),
                ("metrics", Describe(new JsonObject { ["anyOf"] = new JsonArray(metric.DeepClone(), new JsonObject { ["type"] = "array", ["items"] = metric }) }, "Metric names; the first is the primary metric.")),
                ("latency", Obj(latency, "Latency measurement settings.")),
            ],
            "How the baseline and final models are evaluated.");
    }

    private static JsonObject SearchSection()
    {
        var values = Describe(new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = new JsonArray("string", "number", "boolean") } }, "Values to try for 'pass.option' (checked against the option's type and range when the recipe loads).");
        var parameters = Describe(new JsonObject { ["type"] = "object", ["additionalProperties"] = values }, "Pass options to explore, as 'pass.option: [values]' (the pass's recipe name; 'enabled' switches a pass on and off).");
        var quantity = Describe(new JsonObject { ["type"] = "string" }, "A quantity (" + string.Join(", ", SearchObjective.QuantityNames) + ") or a metric name.");
        var objective = AnyOf(quantity, Obj([("minimize", quantity.DeepClone()), ("maximize", quantity.DeepClone())], "Exactly one of minimize or maximize."));
        return Obj(
            [
                ("parameters", parameters),
                ("objective", Describe(objective, "What picks among the trials meeting every budget (default: minimize latency_p50).")),
                ("strategy", Describe(new JsonObject { ["enum"] = Array(SearchSectionReader.Strategies) }, "auto (exhaustive when the grid fits the trial budget, else tpe), exhaustive or tpe.")),
                ("trials", Integer(1, 100_000, "Most trials to run.")),
                ("time", QuantityString(Quantity.TimeToSeconds, "Wall-clock budget of the search, e.g. '30 min'.")),
                ("seed", Integer(0, int.MaxValue, "Random seed (trial order and TPE sampling).")),
            ],
            "Search over pass options for the best model meeting every budget.",
            ["parameters"]);
    }

    private static JsonObject Budget(string kind)
    {
        var limits = BudgetSectionReader.LimitKeys[kind];
        var props = new List<(string, JsonNode)>();
        foreach (var limit in limits)
        {
            props.Add((limit, (kind, limit) switch
            {
                ("accuracy", "max_absolute_drop") => AnyOf(QuantityString(BudgetSectionReader.Points, "Largest drop in percentage points, e.g. '0.5 points'."), Number(0, null, "Largest drop in metric units (metrics that are not fractions).")),
                ("accuracy", "max_relative_drop") => QuantityString(BudgetSectionReader.Percent, "Largest drop relative to the input model, e.g. '1%'."),
                ("accuracy", "max") => Number(null, null, "Highest value of a lower-is-better metric, in its own units (e.g. MeanAbsoluteError)."),
                ("accuracy", _) => AnyOf(QuantityString(BudgetSectionReader.Percent, "Lowest value of a higher-is-better metric, e.g. '97%'."), Number(null, null, "Lowest value as a number.")),
                ("speedup", _) => QuantityString(BudgetSectionReader.Times, "Smallest speedup over the input model timed in the same run, e.g. '1.5x'."),
                ("latency", _) => QuantityString(Quantity.TimeToMilliseconds, $"Largest {limit} latency, e.g. '5 ms'."),
                ("size", _) or ("memory", _) => QuantityString(Quantity.SizeToBytes, "Largest size, e.g. '200 KB' (KB = 1000 bytes, KiB = 1024)."),
                _ => AnyOf(Number(0, null, "Largest count."), QuantityString(Quantity.CountSuffixes, "Largest count with a K/M/G suffix, e.g. '2.5M'.")),
            }));
        }

        if (kind == "accuracy")
        {
            props.Add(("metric", Str("The metric judged (default: the first of evaluate.metrics).")));
        }

        if (kind == "speedup")
        {
            props.Add(("percentile", Describe(new JsonObject { ["enum"] = Array(BudgetSectionReader.Percentiles) }, "The latency percentile compared (default p50).")));
        }

        if (kind is "latency" or "speedup")
        {
            props.Add(("strict", Describe(new JsonObject { ["type"] = "boolean" }, "Fail (instead of warn) when the timing stays inconclusive within the measuring time.")));
        }

        props.Add(("name", Str("Name in reports.")));
        props.Add(("warning", Describe(new JsonObject { ["type"] = "boolean" }, "Warn instead of failing when missed.")));
        var body = Obj(props, null);
        body["oneOf"] = Array(limits.Select(l => (JsonNode)new JsonObject { ["required"] = Array([l]) }));
        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = Array([kind]),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject { [kind] = body },
        };
    }

    private static JsonObject Passes(IReadOnlyDictionary<string, IPass> passes)
    {
        var names = passes.Keys.Order(StringComparer.Ordinal).ToList();
        var variants = new JsonArray(Describe(new JsonObject { ["enum"] = Array(names) }, "A pass with default parameters."));
        foreach (var name in names)
        {
            var pass = passes[name];
            var required = pass.Options.Options.Where(p => p.Required).Select(p => p.Key).ToList();
            var parameters = Obj(pass.Options.Options.Select(p => (p.Key, Parameter(p))), pass.Descriptor.Description, required.Count > 0 ? required : null);
            variants.Add(new JsonObject
            {
                ["type"] = "object",
                ["required"] = Array([name]),
                ["additionalProperties"] = false,
                ["properties"] = new JsonObject
                {
                    [name] = Nullable(parameters),
                    ["name"] = Str("Name in reports (unique in the recipe)."),
                    ["enabled"] = Describe(new JsonObject { ["type"] = "boolean", ["default"] = true }, "false keeps the pass in the recipe but skips it."),
                },
            });
        }

        return new JsonObject { ["oneOf"] = variants };
    }

    private static JsonNode Parameter(PassOptionInfo p)
    {
        JsonObject schema = p.Kind switch
        {
            OptionKind.Boolean => new JsonObject { ["type"] = "boolean" },
            OptionKind.Integer => Integer(p.Minimum is { } min ? (long)Math.Ceiling(min) : null, p.Maximum is { } max ? (long)Math.Floor(max) : null, null),
            OptionKind.Number => Number(p.Minimum, p.Maximum, null),
            OptionKind.Enum => new JsonObject { ["enum"] = Array(p.AllowedValues ?? []) },
            OptionKind.StringList => new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }) },
            _ => new JsonObject { ["type"] = "string" },
        };
        schema["description"] = p.Description;
        if (p.Default is { } d)
        {
            schema["default"] = d switch
            {
                bool b => b,
                long l => l,
                int i => i,
                double x => x,
                string s => s,
                string[] list => Array(list),
                _ => d.ToString(),
            };
        }

        return schema;
    }

    private static JsonObject InlineTarget()
    {
        var props = new List<(string, JsonNode)>();
        foreach (var key in TargetProfileReader.InlineKeys)
        {
            props.Add((key, key switch
            {
                "profile" => Str("A profile from targets/ to override."),
                "name" => Str("The device's name (required without 'profile')."),
                "description" => Str("One line describing the device."),
                "isa" => Describe(new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = Array(TargetVocabulary.IsaFeatures) } }, "ISA features."),
                "execution_providers" => Describe(new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["enum"] = Array(TargetVocabulary.ExecutionProviders) } }, "ONNX Runtime execution providers, preferred first."),
                "quantization" => Quantization(),
                "cores" => AnyOf(Integer(1, 4096, "Core count."), Figure(Integer(1, 4096, null))),
                _ => AnyOf(QuantityString(TargetProfileReader.FigureUnits[key].Units, $"e.g. '{TargetProfileReader.FigureUnits[key].Example}'."), Figure(QuantityString(TargetProfileReader.FigureUnits[key].Units, null))),
            }));
        }

        var inline = Obj(props, "An inline device profile (see targets/README.md): 'profile' to override one, or 'name' for a new device.");
        inline["anyOf"] = new JsonArray(new JsonObject { ["required"] = Array(["profile"]) }, new JsonObject { ["required"] = Array(["name"]) });
        return inline;
    }

    private static JsonObject Quantization() => Obj(
        [
            ("weight_bits", Integer(2, 8, "Weight bit width.")),
            ("reduce_range", Describe(new JsonObject { ["type"] = "boolean" }, "7-bit weights for x86 CPUs without VNNI.")),
            ("activation_type", Describe(new JsonObject { ["enum"] = Array(TargetVocabulary.ActivationTypes) }, "Quantized activation type.")),
            ("activation_symmetric", Describe(new JsonObject { ["type"] = "boolean" }, "Symmetric activations (zero point 0).")),
            ("per_channel", Describe(new JsonObject { ["type"] = "boolean" }, "Per-output-channel weight scales.")),
        ],
        "Quantization defaults the passes read.");

    private static JsonObject Figure(JsonObject value) => Obj(
        [("value", value), ("source", Str("Public source of the figure.")), ("note", Str("How the figure was derived."))],
        null,
        required: ["value"]);

    private static JsonObject DataSet()
    {
        var inputSource = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } }) };
        return Obj(
            [
                ("format", Describe(new JsonObject { ["enum"] = Array(DataSectionReader.Formats) }, "File format (default: from the file extension; npy without 'file').")),
                ("file", Str("The .npz or .csv file, or the folder of ONNX test data (pb).")),
                ("inputs", Describe(new JsonObject { ["anyOf"] = new JsonArray(inputSource.DeepClone(), new JsonObject { ["type"] = "object", ["additionalProperties"] = inputSource }) }, "Data of the only input, or model input name → .npy path / npz array / CSV columns (list or range f0..f63) / tensor name.")),
                ("labels", Str(".npy path (npy, pb), npz array name or CSV column of the labels.")),
                ("samples", Integer(1, int.MaxValue, "Use at most this many samples (after shuffling).")),
                ("shuffle", Describe(new JsonObject { ["type"] = "boolean" }, "Shuffle the samples with 'seed'.")),
                ("seed", Integer(0, int.MaxValue, "Shuffle seed.")),
                ("preprocess", Describe(new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["$ref"] = "#/$defs/preprocess" }, new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["$ref"] = "#/$defs/preprocess" } }) }, "Preprocessing of the only input, or input name → preprocessing.")),
            ],
            "One data set.");
    }

    private static JsonObject Preprocess()
    {
        var numbers = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "number" }, new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "number" } }) };
        return Obj(
            [
                ("reshape", Describe(new JsonObject { ["type"] = "array", ["items"] = Integer(1, null, null) }, "Shape of one sample, applied first (e.g. [1, 8, 8]).")),
                ("scale", Number(null, null, "Multiplier applied before normalization (e.g. 0.00392156862745098 for 1/255).")),
                ("mean", Describe((JsonObject)numbers.DeepClone(), "Mean per channel (or one value).")),
                ("std", Describe((JsonObject)numbers.DeepClone(), "Standard deviation per channel (or one value).")),
                ("layout", Describe(new JsonObject { ["enum"] = Array(DataSectionReader.Layouts) }, "Layout change applied last.")),
            ],
            "Preprocessing: reshape, scale, (x - mean) / std per channel, layout change.");
    }

    private static JsonObject QuantityString(IReadOnlyDictionary<string, double> units, string? description)
    {
        var unitPattern = string.Join("|", units.Keys.Where(u => u.Length > 0).OrderByDescending(u => u.Length).ThenBy(u => u, StringComparer.Ordinal).Select(Regex.Escape));
        var optional = units.ContainsKey(string.Empty) ? "?" : string.Empty;
        var schema = new JsonObject { ["type"] = "string", ["pattern"] = $@"^\s*{NumberPattern}\s*({unitPattern}){optional}\s*$" };
        return description is null ? schema : Describe(schema, description);
    }

    private static JsonObject Integer(long? min, long? max, string? description)
    {
        var schema = new JsonObject { ["type"] = "integer" };
        if (min is { } lo)
        {
            schema["minimum"] = lo;
        }

        if (max is { } hi)
        {
            schema["maximum"] = hi;
        }

        return description is null ? schema : Describe(schema, description);
    }

    private static JsonObject Number(double? min, double? max, string? description)
    {
        var schema = new JsonObject { ["type"] = "number" };
        if (min is { } lo)
        {
            schema["minimum"] = lo;
        }

        if (max is { } hi)
        {
            schema["maximum"] = hi;
        }

        return description is null ? schema : Describe(schema, description);
    }

    private static JsonObject Obj(IEnumerable<(string Key, JsonNode Schema)> properties, string? description, IReadOnlyList<string>? required = null)
    {
        var props = new JsonObject();
        foreach (var (key, schema) in properties)
        {
            props[key] = schema;
        }

        var schemaObject = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = props };
        if (required is { Count: > 0 })
        {
            schemaObject["required"] = Array(required);
        }

        return description is null ? schemaObject : Describe(schemaObject, description);
    }

    private static JsonObject Ordered(JsonObject properties, IReadOnlyList<string> order)
    {
        var result = new JsonObject();
        foreach (var key in order)
        {
            result[key] = properties[key]!.DeepClone();
        }

        return result;
    }

    private static JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject AnyOf(params JsonObject[] schemas) => new() { ["anyOf"] = Array(schemas) };

    private static JsonObject Nullable(JsonObject schema)
    {
        var wrapper = new JsonObject();
        if (schema["description"] is { } description)
        {
            wrapper["description"] = description.DeepClone();
        }

        wrapper["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null", ["description"] = "In an extending recipe, removes the base recipe's value." });
        return wrapper;
    }

    private static JsonObject Describe(JsonObject schema, string description)
    {
        var described = new JsonObject { ["description"] = description };
        foreach (var (key, value) in schema)
        {
            described[key] = value?.DeepClone();
        }

        return described;
    }

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());

    private static JsonArray Array(IEnumerable<JsonNode> values) => new(values.Select(v => v.Parent is null ? v : v.DeepClone()).ToArray());
}
