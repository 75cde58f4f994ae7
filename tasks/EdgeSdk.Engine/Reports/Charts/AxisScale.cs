// A linear axis with "nice" tick values (1, 2, 2.5, 5 x 10^k) covering a data range, mapping data values
// to pixel positions; shared by every chart so axes look alike.
namespace EdgeSdk.Reports.Charts;

/// <summary>A linear axis from data space to pixels with round tick values.</summary>
internal sealed class AxisScale
{
    private AxisScale(double min, double max, double step, double pixelFrom, double pixelTo)
    {
        Min = min;
        Max = max;
        Step = step;
        PixelFrom = pixelFrom;
        PixelTo = pixelTo;
    }

    /// <summary>Gets the axis's lowest value (a tick).</summary>
    public double Min { get; }

    /// <summary>Gets the axis's highest value (a tick).</summary>
    public double Max { get; }

    /// <summary>Gets the distance between ticks.</summary>
    public double Step { get; }

    /// <summary>Gets the pixel of <see cref="Min"/>.</summary>
    public double PixelFrom { get; }

    /// <summary>Gets the pixel of <see cref="Max"/>.</summary>
    public double PixelTo { get; }

    /// <summary>Gets the tick values from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks
    {
        get
        {
            var count = (int)Math.Round((Max - Min) / Step);
            for (var i = 0; i <= count; i++)
            {
                yield return Min + (i * Step);
            }
        }
    }

    /// <summary>Creates an axis covering [<paramref name="low"/>, <paramref name="high"/>] with about <paramref name="ticks"/> ticks.</summary>
    public static AxisScale Create(double low, double high, double pixelFrom, double pixelTo, int ticks = 5)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
        {
            low = 0;
            high = 1;
        }

        if (high - low < 1e-12)
        {
            var pad = Math.Abs(high) > 1e-12 ? Math.Abs(high) * 0.05 : 1;
            low -= pad;
            high += pad;
        }

        var step = NiceStep((high - low) / Math.Max(1, ticks));
        var min = Math.Floor(low / step) * step;
        var max = Math.Ceiling(high / step) * step;
        return new AxisScale(min, max, step, pixelFrom, pixelTo);
    }

    /// <summary>Maps a data value to its pixel.</summary>
    public double ToPixel(double value) => PixelFrom + ((value - Min) / (Max - Min) * (PixelTo - PixelFrom));

    /// <summary>Formats a tick value with as many decimals as the step needs.</summary>
    public string Format(double value)
    {
        var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(Step) + 1e-9));
        return Math.Round(value, decimals).ToString("F" + Math.Min(decimals, 6), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double NiceStep(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var fraction = raw / Math.Pow(10, exponent);
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return nice * Math.Pow(10, exponent);
    }
}
