// Numbers with units as recipes and target profiles write them ("5 ms", "200 KB", "0.5 points",
// "1.8 GHz"), converted to canonical units. Units are never guessed: a missing or unknown unit is a
// located error listing the units that would fit.
using EdgeSdk.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Unit tables and the quantity parser.</summary>
internal static partial class Quantity
{
    /// <summary>Time units to milliseconds.</summary>
    public static readonly IReadOnlyDictionary<string, double> TimeToMilliseconds = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["s"] = 1000, ["ms"] = 1, ["us"] = 0.001, ["µs"] = 0.001, ["μs"] = 0.001,
    };

    /// <summary>Time units to seconds.</summary>
    public static readonly IReadOnlyDictionary<string, double> TimeToSeconds = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["s"] = 1, ["ms"] = 0.001, ["min"] = 60,
    };

    /// <summary>Byte units to bytes (KB = 1000 bytes, KiB = 1024 bytes).</summary>
    public static readonly IReadOnlyDictionary<string, double> SizeToBytes = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["B"] = 1, ["KB"] = 1e3, ["MB"] = 1e6, ["GB"] = 1e9, ["TB"] = 1e12,
        ["KiB"] = 1024, ["MiB"] = 1024d * 1024, ["GiB"] = 1024d * 1024 * 1024, ["TiB"] = 1024d * 1024 * 1024 * 1024,
    };

    /// <summary>Count suffixes to multipliers (none, K, M, G).</summary>
    public static readonly IReadOnlyDictionary<string, double> CountSuffixes = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [string.Empty] = 1, ["K"] = 1e3, ["M"] = 1e6, ["G"] = 1e9,
    };

    /// <summary>Frequency units to GHz.</summary>
    public static readonly IReadOnlyDictionary<string, double> FrequencyToGHz = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["GHz"] = 1, ["MHz"] = 1e-3,
    };

    /// <summary>Floating-point throughput units to GFLOP/s.</summary>
    public static readonly IReadOnlyDictionary<string, double> FlopsToGflops = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["MFLOPS"] = 1e-3, ["GFLOPS"] = 1, ["TFLOPS"] = 1e3,
    };

    /// <summary>Integer throughput units to GOP/s.</summary>
    public static readonly IReadOnlyDictionary<string, double> OpsToGops = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["MOPS"] = 1e-3, ["GOPS"] = 1, ["TOPS"] = 1e3,
    };

    /// <summary>Bandwidth units to GB/s.</summary>
    public static readonly IReadOnlyDictionary<string, double> BandwidthToGBps = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["MB/s"] = 1e-3, ["GB/s"] = 1,
    };

    /// <summary>Splits "5 ms" into 5 and "ms"; false when the text is not a number followed by an optional unit.</summary>
    public static bool TrySplit(string text, out double number, out string unit)
    {
        var match = QuantityPattern().Match(text);
        number = 0;
        unit = string.Empty;
        if (!match.Success || !YamlReadContext.TryParseNumber(match.Groups[1].Value, out number))
        {
            return false;
        }

        unit = match.Groups[2].Value;
        return true;
    }

    /// <summary>
    /// Reads a quantity in one of <paramref name="units"/> and returns it in canonical units (null after
    /// reporting a located error). <paramref name="example"/> shows a correct value in messages.
    /// </summary>
    public static double? Read(YamlReadContext context, YamlNode node, string what, IReadOnlyDictionary<string, double> units, string example, double min = 0, double max = double.PositiveInfinity)
    {
        if (node is not YamlScalarNode { Value: { } text } || YamlReadContext.IsNull(node))
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a quantity such as '{example}', not {YamlReadContext.Describe(node)}.", node);
            return null;
        }

        if (!TrySplit(text, out var number, out var unit))
        {
            context.Error(DiagnosticCatalog.Recipes.WrongType, $"'{what}' is '{text}', which is not a quantity; write it like '{example}'.", node);
            return null;
        }

        var allowed = string.Join(", ", units.Keys.Where(k => k.Length > 0));
        if (!units.TryGetValue(unit, out var factor))
        {
            var message = unit.Length == 0
                ? $"'{what}' is '{text}' without a unit; write it like '{example}' (units: {allowed})."
                : $"'{what}' has the unknown unit '{unit}'.{DidYouMean.Hint(unit, units.Keys.Where(k => k.Length > 0))} Units: {allowed}; for example '{example}'.";
            context.Error(DiagnosticCatalog.Recipes.BadUnit, message, node);
            return null;
        }

        var value = number * factor;
        if (value < min || value > max)
        {
            context.Error(DiagnosticCatalog.Recipes.OutOfRange, $"'{what}' is '{text}', outside the allowed range.", node);
            return null;
        }

        return value;
    }

    /// <summary>Formats a number for messages (invariant culture, shortest round-trip).</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([A-Za-zµμ%/]*)\s*$")]
    private static partial Regex QuantityPattern();
}
