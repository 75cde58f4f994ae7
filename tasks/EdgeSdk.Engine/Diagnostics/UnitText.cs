// How the engine words a quantity for people (percentages, accuracy points, milliseconds, SI sizes): one
// wording shared by the gate's explanations, diagnostics and both reports, at the bottom layer so every
// area may use it.
using System.Globalization;

namespace EdgeSdk.Diagnostics;

/// <summary>Formats quantities for messages and reports.</summary>
internal static class UnitText
{
    /// <summary>Formats a fraction as a percentage (<c>0.995</c> → <c>99.5%</c>).</summary>
    public static string Pct(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>Formats a fraction as percentage points (<c>0.0025</c> → <c>0.25 points</c>).</summary>
    public static string Points(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " points";

    /// <summary>Formats milliseconds (three decimals below 1 ms, two above).</summary>
    public static string Ms(double ms) => ms.ToString(ms < 1 ? "0.###" : "0.##", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Formats bytes in SI units (1 KB = 1000 bytes), as recipes write sizes.</summary>
    public static string Size(long bytes) => bytes >= 1_000_000
        ? (bytes / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + " KB";
}
