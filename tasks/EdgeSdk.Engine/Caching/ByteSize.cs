// Parses and prints sizes such as `500MB`, `2 GiB` or `0` for `edgesdk cache prune --max-size`.
using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeSdk.Caching;

/// <summary>Human-readable byte sizes (decimal KB/MB/GB and binary KiB/MiB/GiB).</summary>
internal static partial class ByteSize
{
    /// <summary>Parses a size; null when malformed.</summary>
    public static long? TryParse(string text)
    {
        var match = SizePattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var factor = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1d,
            "K" or "KB" => 1e3,
            "M" or "MB" => 1e6,
            "G" or "GB" => 1e9,
            "T" or "TB" => 1e12,
            "KIB" => 1024d,
            "MIB" => 1024d * 1024,
            "GIB" => 1024d * 1024 * 1024,
            "TIB" => 1024d * 1024 * 1024 * 1024,
            _ => double.NaN,
        };
        var bytes = value * factor;
        return double.IsFinite(bytes) && bytes >= 0 && bytes < long.MaxValue ? (long)bytes : null;
    }

    /// <summary>Formats a size with a decimal unit, e.g. <c>12.3 MB</c>.</summary>
    public static string Format(long bytes) => bytes switch
    {
        < 1000 => $"{bytes} B",
        < 1_000_000 => (bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        < 1_000_000_000 => (bytes / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        _ => (bytes / 1e9).ToString("0.##", CultureInfo.InvariantCulture) + " GB",
    };

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*([A-Za-z]*)$")]
    private static partial Regex SizePattern();
}
