// Reads a device profile from YAML: a file under targets/ (every figure with its public source) or an
// inline `target:` mapping in a recipe (plain values, overriding a named base profile). Both use the
// same keys, documented in targets/README.md.
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads <see cref="TargetProfile"/> fields from a YAML mapping.</summary>
internal static class TargetProfileReader
{
    /// <summary>Keys of a profile file.</summary>
    public static readonly IReadOnlyList<string> FileKeys =
        ["name", "description", "isa", "cores", "clock", "ram", "storage", "peak_fp32", "peak_int8", "memory_bandwidth", "execution_providers", "quantization"];

    /// <summary>Keys of an inline recipe target (the file keys plus <c>profile</c>, the base profile's name).</summary>
    public static readonly IReadOnlyList<string> InlineKeys = ["profile", .. FileKeys];

    /// <summary>Figures that a profile file must back with a public source.</summary>
    public static readonly IReadOnlyList<string> SourcedFigures = ["cores", "clock", "ram", "storage", "peak_fp32", "peak_int8", "memory_bandwidth"];

    /// <summary>Keys of the <c>quantization</c> mapping.</summary>
    public static readonly IReadOnlyList<string> QuantizationKeys = ["weight_bits", "reduce_range", "activation_type", "activation_symmetric", "per_channel"];

    /// <summary>Keys of a figure written as a mapping.</summary>
    public static readonly IReadOnlyList<string> FigureKeys = ["value", "source", "note"];

    /// <summary>Units and an example per quantity figure (<c>cores</c> is a plain whole number).</summary>
    public static readonly IReadOnlyDictionary<string, (IReadOnlyDictionary<string, double> Units, string Example)> FigureUnits =
        new Dictionary<string, (IReadOnlyDictionary<string, double>, string)>(StringComparer.Ordinal)
        {
            ["clock"] = (Quantity.FrequencyToGHz, "1.8 GHz"),
            ["ram"] = (Quantity.SizeToBytes, "4 GB"),
            ["storage"] = (Quantity.SizeToBytes, "32 GB"),
            ["peak_fp32"] = (Quantity.FlopsToGflops, "24 GFLOPS"),
            ["peak_int8"] = (Quantity.OpsToGops, "96 GOPS"),
            ["memory_bandwidth"] = (Quantity.BandwidthToGBps, "4 GB/s"),
        };

    /// <summary>
    /// Applies the mapping's fields on top of <paramref name="baseProfile"/>. In a profile file
    /// (<paramref name="requireSources"/>), each figure is <c>{value: …, source: …}</c>; inline, a plain value.
    /// </summary>
    public static TargetProfile Apply(YamlReadContext context, YamlMap map, TargetProfile baseProfile, string what, bool requireSources)
    {
        var profile = baseProfile;
        var sources = new SortedDictionary<string, string>(baseProfile.Sources.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, node) in map.Entries)
        {
            var path = $"{what}.{key}";
            switch (key)
            {
                case "profile":
                    break;
                case "name":
                    profile = context.String(node, path) is { } name ? profile with { Name = name } : profile;
                    break;
                case "description":
                    profile = context.String(node, path) is { } description ? profile with { Description = description } : profile;
                    break;
                case "isa":
                    profile = ReadVocabularyList(context, node, path, TargetVocabulary.IsaFeatures) is { } isa ? profile with { IsaFeatures = isa } : profile;
                    break;
                case "execution_providers":
                    profile = ReadVocabularyList(context, node, path, TargetVocabulary.ExecutionProviders, ExecutionProviderNames.ToOrtName) is { } eps ? profile with { ExecutionProviders = eps } : profile;
                    break;
                case "quantization":
                    profile = profile with { Quantization = ReadQuantization(context, node, path, profile.Quantization) };
                    break;
                default:
                    var value = Figure(context, node, path, requireSources, sources, key, v => ReadFigure(context, key, v, path));
                    if (value is { } x)
                    {
                        profile = key switch
                        {
                            "cores" => profile with { Cores = (int)x },
                            "clock" => profile with { ClockGHz = x },
                            "ram" => profile with { RamBytes = (long)x },
                            "storage" => profile with { StorageBytes = (long)x },
                            "peak_fp32" => profile with { PeakFp32Gflops = x },
                            "peak_int8" => profile with { PeakInt8Gops = x },
                            _ => profile with { MemoryBandwidthGBps = x },
                        };
                    }

                    break;
            }
        }

        if (requireSources)
        {
            foreach (var figure in SourcedFigures.Where(f => !map.Has(f)))
            {
                context.Error(DiagnosticCatalog.Recipes.MissingKey, $"The profile lacks '{figure}'; give it as {{value: …, source: …}} with a public source.", map.Node);
            }
        }

        return profile with { Sources = sources };
    }

    /// <summary>Reads the <c>quantization</c> mapping on top of <paramref name="defaults"/>.</summary>
    public static QuantizationDefaults ReadQuantization(YamlReadContext context, YamlNode node, string what, QuantizationDefaults defaults)
    {
        var map = context.Map(node, what, QuantizationKeys);
        if (map is null)
        {
            return defaults;
        }

        var q = defaults;
        foreach (var (key, value) in map.Entries)
        {
            var path = $"{what}.{key}";
            q = key switch
            {
                "weight_bits" => context.Integer(value, path, 2, 8) is { } bits ? q with { WeightBits = (int)bits } : q,
                "reduce_range" => context.Boolean(value, path) is { } rr ? q with { ReduceRange = rr } : q,
                "activation_type" => context.OneOf(value, path, TargetVocabulary.ActivationTypes) is { } at ? q with { ActivationType = at } : q,
                "activation_symmetric" => context.Boolean(value, path) is { } sym ? q with { ActivationSymmetric = sym } : q,
                _ => context.Boolean(value, path) is { } pc ? q with { PerChannel = pc } : q,
            };
        }

        return q;
    }

    private static double? Figure(YamlReadContext context, YamlNode node, string path, bool requireSources, SortedDictionary<string, string> sources, string key, Func<YamlNode, double?> read)
    {
        if (node is YamlMappingNode)
        {
            var figure = context.Map(node, path, FigureKeys);
            if (figure is null)
            {
                return null;
            }

            if (figure["source"] is { } sourceNode && context.String(sourceNode, path + ".source") is { } source)
            {
                sources[key] = source;
            }
            else if (requireSources)
            {
                context.Error(DiagnosticCatalog.Recipes.MissingKey, $"'{path}' needs a 'source' (a public datasheet or documentation URL).", node);
            }

            if (figure["value"] is not { } valueNode)
            {
                context.Error(DiagnosticCatalog.Recipes.MissingKey, $"'{path}' needs a 'value'.", node);
                return null;
            }

            return read(valueNode);
        }

        if (requireSources)
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'{path}' must be {{value: …, source: …}} in a profile file, so that every figure has its public source.", node);
        }

        sources.Remove(key);
        return read(node);
    }

    private static double? ReadFigure(YamlReadContext context, string key, YamlNode node, string path)
    {
        if (key == "cores")
        {
            return context.Integer(node, path, 1, 4096);
        }

        var (units, example) = FigureUnits[key];
        return Quantity.Read(context, node, path, units, example, min: key == "clock" ? 1e-6 : 0);
    }

    // Each item must be in the vocabulary (case-insensitive); canonical maps it to the stored spelling (default: the vocabulary's).
    private static IReadOnlyList<string>? ReadVocabularyList(YamlReadContext context, YamlNode node, string path, IReadOnlyList<string> vocabulary, Func<string, string?>? canonical = null)
    {
        if (node is YamlSequenceNode { Children.Count: 0 })
        {
            return [];
        }

        var items = context.StringList(node, path);
        if (items is null)
        {
            return null;
        }

        var result = new List<string>();
        var ok = true;
        var nodes = node is YamlSequenceNode seq ? seq.Children.ToList() : [node];
        for (var i = 0; i < items.Count; i++)
        {
            var match = vocabulary.FirstOrDefault(v => string.Equals(v, items[i], StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                context.Error(DiagnosticCatalog.Recipes.InvalidValue, $"'{path}' has the unknown value '{items[i]}'.{DidYouMean.Hint(items[i], vocabulary)} Known values: {string.Join(", ", vocabulary)}.", nodes[i]);
                ok = false;
            }
            else
            {
                result.Add(canonical?.Invoke(match) ?? match);
            }
        }

        return ok ? result : null;
    }
}
