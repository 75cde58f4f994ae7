// Reads a recipe's `data` section: up to three named sets (calibration, training, evaluation), each in
// one format (npy, npz, csv, pb), with input/label mapping, sampling, shuffling and preprocessing.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>data</c> section.</summary>
internal static partial class DataSectionReader
{
    /// <summary>The set names.</summary>
    public static readonly IReadOnlyList<string> SetNames = ["calibration", "training", "evaluation"];

    /// <summary>Keys of one set.</summary>
    public static readonly IReadOnlyList<string> SetKeys = ["format", "file", "inputs", "labels", "samples", "shuffle", "seed", "preprocess"];

    /// <summary>Keys of one input's preprocessing.</summary>
    public static readonly IReadOnlyList<string> PreprocessKeys = ["reshape", "scale", "mean", "std", "layout"];

    /// <summary>Format names.</summary>
    public static readonly IReadOnlyList<string> Formats = ["npy", "npz", "csv", "pb"];

    /// <summary>Layout change names.</summary>
    public static readonly IReadOnlyList<string> Layouts = ["none", "nhwc_to_nchw", "nchw_to_nhwc"];

    /// <summary>Returns the sets (those with errors are null; errors are reported).</summary>
    public static DataSetSpecs Read(YamlReadContext context, YamlNode node, RecipeLoadOptions options)
    {
        var map = context.Map(node, "data", SetNames);
        if (map is null)
        {
            return DataSetSpecs.None;
        }

        DataSetSpec? Set(string name) => map[name] is { } setNode ? ReadSet(context, setNode, name, options) : null;
        return new DataSetSpecs(Set("calibration"), Set("training"), Set("evaluation"));
    }

    private static DataSetSpec? ReadSet(YamlReadContext context, YamlNode node, string name, RecipeLoadOptions options)
    {
        var what = "data." + name;
        var errorsBefore = context.Diagnostics.Count;
        var map = context.Map(node, what, SetKeys);
        if (map is null)
        {
            return null;
        }

        var format = InferFormat(context, map, what);
        string? file = null;
        if (map["file"] is { } fileNode)
        {
            if (format == DataFormat.Npy)
            {
                context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{what}.file' is for npz, csv and pb data; for npy give one file per input under 'inputs'.", fileNode);
            }
            else
            {
                file = RecipePaths.Read(context, fileNode, what + ".file", options.Properties, options.CheckFilesExist, folder: format == DataFormat.TensorProto);
            }
        }
        else if (format != DataFormat.Npy)
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, $"'{what}' in {format.ToString().ToLowerInvariant()} format needs 'file' (the {(format == DataFormat.TensorProto ? "folder" : "file")} to read).", node);
        }

        var inputs = new List<DataInputSpec>();
        if (map["inputs"] is { } inputsNode)
        {
            inputs = ReadInputs(context, inputsNode, what + ".inputs", format, options);
        }
        else if (format != DataFormat.TensorProto)
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, $"'{what}' needs 'inputs': the data of each model input.", node);
        }

        string? labels = null;
        Diagnostics.SourceLocation? labelsLocation = null;
        if (map["labels"] is { } labelsNode)
        {
            labelsLocation = context.At(labelsNode);
            labels = format is DataFormat.Npy or DataFormat.TensorProto
                ? RecipePaths.Read(context, labelsNode, what + ".labels", options.Properties, options.CheckFilesExist)
                : context.String(labelsNode, what + ".labels");
        }

        var spec = new DataSetSpec
        {
            Name = name,
            Format = format,
            File = file,
            Inputs = inputs,
            Labels = labels,
            LabelsLocation = labelsLocation,
            Samples = map["samples"] is { } s ? (int?)context.Integer(s, what + ".samples", 1, int.MaxValue) : null,
            Shuffle = map["shuffle"] is { } sh && context.Boolean(sh, what + ".shuffle") == true,
            Seed = map["seed"] is { } seed ? (int)(context.Integer(seed, what + ".seed", 0, int.MaxValue) ?? 0) : 0,
            Preprocess = map["preprocess"] is { } pre ? ReadPreprocess(context, pre, what + ".preprocess", inputs) : [],
            Location = context.At(node),
        };
        return context.Diagnostics.Skip(errorsBefore).Any(d => d.Severity == Diagnostics.DiagnosticSeverity.Error) ? null : spec;
    }

    private static DataFormat InferFormat(YamlReadContext context, YamlMap map, string what)
    {
        if (map["format"] is { } formatNode)
        {
            return context.OneOf(formatNode, what + ".format", Formats) switch
            {
                "npz" => DataFormat.Npz,
                "csv" => DataFormat.Csv,
                "pb" => DataFormat.TensorProto,
                _ => DataFormat.Npy,
            };
        }

        if (map["file"] is YamlScalarNode { Value: { } file })
        {
            var extension = Path.GetExtension(file).ToLowerInvariant();
            return extension switch
            {
                ".npz" => DataFormat.Npz,
                ".csv" => DataFormat.Csv,
                "" => DataFormat.TensorProto,
                _ => DataFormat.Npy,
            };
        }

        return DataFormat.Npy;
    }

    private static List<DataInputSpec> ReadInputs(YamlReadContext context, YamlNode node, string what, DataFormat format, RecipeLoadOptions options)
    {
        var result = new List<DataInputSpec>();
        if (node is YamlScalarNode or YamlSequenceNode)
        {
            if (ReadSource(context, node, what, format, options) is { } single)
            {
                result.Add(single with { Input = null });
            }

            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must map model input names to data, or give the data of the only input.", node);
            return result;
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            if (context.String(keyNode, what + " key") is not { } input)
            {
                continue;
            }

            if (ReadSource(context, value, $"{what}.{input}", format, options) is { } spec)
            {
                result.Add(spec with { Input = input, Location = context.At(keyNode) });
            }
        }

        return result;
    }

    private static DataInputSpec? ReadSource(YamlReadContext context, YamlNode node, string what, DataFormat format, RecipeLoadOptions options)
    {
        switch (format)
        {
            case DataFormat.Npy:
                var path = RecipePaths.Read(context, node, what, options.Properties, options.CheckFilesExist);
                return path is null ? null : new DataInputSpec(null, path, [], context.At(node));
            case DataFormat.Csv:
                var columns = ReadColumns(context, node, what);
                return columns is null ? null : new DataInputSpec(null, string.Join(",", columns), columns, context.At(node));
            default:
                var name = context.String(node, what);
                return name is null ? null : new DataInputSpec(null, name, [], context.At(node));
        }
    }

    /// <summary>Reads CSV columns: a list of names, or a range <c>f0..f63</c> (prefix + first..last number).</summary>
    private static IReadOnlyList<string>? ReadColumns(YamlReadContext context, YamlNode node, string what)
    {
        var items = context.StringList(node, what);
        if (items is null)
        {
            return null;
        }

        var columns = new List<string>();
        foreach (var item in items)
        {
            var range = ColumnRange().Match(item);
            if (!range.Success)
            {
                columns.Add(item);
                continue;
            }

            var prefix = range.Groups[1].Value;
            if (range.Groups[3].Value.Length > 0 && range.Groups[3].Value != prefix)
            {
                context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{what}': the range '{item}' must use one prefix on both ends, e.g. 'f0..f63'.", node);
                return null;
            }

            const int MaxColumns = 1_000_000;
            if (!int.TryParse(range.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(range.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture, out var last)
                || last < first
                || last - first >= MaxColumns)
            {
                context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{what}': the range '{item}' must run from a first to a larger last column number, at most {MaxColumns} columns.", node);
                return null;
            }

            columns.AddRange(Enumerable.Range(first, last - first + 1).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return columns;
    }

    private static IReadOnlyList<KeyValuePair<string?, PreprocessSpec>> ReadPreprocess(YamlReadContext context, YamlNode node, string what, IReadOnlyList<DataInputSpec> inputs)
    {
        var result = new List<KeyValuePair<string?, PreprocessSpec>>();
        var named = inputs.Any(i => i.Input is not null);
        if (!named)
        {
            if (ReadOnePreprocess(context, node, what) is { } single)
            {
                result.Add(new(null, single));
            }

            return result;
        }

        if (node is not YamlMappingNode mapping)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must map input names to preprocessing settings.", node);
            return result;
        }

        var names = inputs.Select(i => i.Input!).ToList();
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (context.String(keyNode, what + " key") is not { } input)
            {
                continue;
            }

            if (!names.Contains(input, StringComparer.Ordinal))
            {
                context.Error(DiagnosticCatalog.Recipes.UnknownKey, $"'{what}' names the input '{input}', which 'inputs' does not list.{DidYouMean.Hint(input, names)}", keyNode);
                continue;
            }

            if (ReadOnePreprocess(context, value, $"{what}.{input}") is { } spec)
            {
                result.Add(new(input, spec));
            }
        }

        return result;
    }

    private static PreprocessSpec? ReadOnePreprocess(YamlReadContext context, YamlNode node, string what)
    {
        var map = context.Map(node, what, PreprocessKeys);
        if (map is null)
        {
            return null;
        }

        var scale = map["scale"] is { } s ? context.Number(s, what + ".scale") : null;
        var mean = map["mean"] is { } m ? context.NumberList(m, what + ".mean") ?? [] : [];
        var std = map["std"] is { } sd ? context.NumberList(sd, what + ".std") ?? [] : [];
        if (std.Any(v => v == 0))
        {
            context.Error(DiagnosticCatalog.Recipes.OutOfRange, $"'{what}.std' has a zero; a standard deviation must not be zero.", map["std"]!);
        }

        if ((mean.Count > 0) != (std.Count > 0) || (mean.Count > 1 && std.Count > 1 && mean.Count != std.Count))
        {
            context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{what}' needs both 'mean' and 'std', with one value each or one per channel (same count).", node);
        }

        var layout = map["layout"] is { } l ? context.OneOf(l, what + ".layout", Layouts) : "none";
        var change = layout switch { "nhwc_to_nchw" => LayoutChange.NhwcToNchw, "nchw_to_nhwc" => LayoutChange.NchwToNhwc, _ => LayoutChange.None };
        IReadOnlyList<long>? reshape = null;
        if (map["reshape"] is { } r)
        {
            var dims = context.NumberList(r, what + ".reshape");
            if (dims is not null && dims.Any(d => d < 1 || d != Math.Floor(d)))
            {
                context.Error(DiagnosticCatalog.Recipes.OutOfRange, $"'{what}.reshape' must list whole dimensions of at least 1 (the shape of one sample, e.g. [1, 8, 8]).", r);
            }
            else if (dims is not null)
            {
                reshape = dims.Select(d => (long)d).ToList();
            }
        }

        return new PreprocessSpec(scale, mean, std, change, context.At(node)) { Reshape = reshape };
    }

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z_ ]*?)(\d+)\s*\.\.\s*([A-Za-z_][A-Za-z_ ]*?)?(\d+)$")]
    private static partial Regex ColumnRange();
}
