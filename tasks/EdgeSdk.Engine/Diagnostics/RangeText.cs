// How a message names an allowed numeric range ("at least 1", "between 0 and 1"); shared by the recipe
// reader and the pass options' own checks so both word a range the same way.
using System.Globalization;

namespace EdgeSdk.Diagnostics;

/// <summary>Words an allowed numeric range for diagnostics.</summary>
internal static class RangeText
{
    /// <summary>Returns "a number", "at least min", "at most max" or "between min and max" (infinite and long-extreme bounds are open).</summary>
    public static string Of(double min, double max) =>
        (double.IsNegativeInfinity(min) || min == long.MinValue, double.IsPositiveInfinity(max) || max == long.MaxValue) switch
        {
            (true, true) => "a number",
            (false, true) => $"at least {min.ToString(CultureInfo.InvariantCulture)}",
            (true, false) => $"at most {max.ToString(CultureInfo.InvariantCulture)}",
            _ => $"between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}",
        };
}
