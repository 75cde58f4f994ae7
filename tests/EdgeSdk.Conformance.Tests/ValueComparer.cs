// Compares an output with its reference the way ONNX's backend tests do: floating-point values with
// numpy.testing.assert_allclose(rtol=1e-3, atol=1e-7) semantics (NaN equals NaN), everything else exactly.
// Returns null when equal, else a one-line description of the first difference.
using System.Globalization;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Conformance.Tests;

/// <summary>Tolerant comparison of <see cref="RuntimeValue"/>s.</summary>
internal static class ValueComparer
{
    /// <summary>Relative tolerance.</summary>
    public const double RelativeTolerance = 1e-3;

    /// <summary>Absolute tolerance.</summary>
    public const double AbsoluteTolerance = 1e-7;

    /// <summary>Returns null when <paramref name="actual"/> matches <paramref name="expected"/>, else what differs.</summary>
    public static string? Difference(RuntimeValue expected, RuntimeValue actual, string name, double absoluteTolerance = AbsoluteTolerance)
    {
        if (expected.HasValue != actual.HasValue)
        {
            return $"{name}: expected {(expected.HasValue ? "a value" : "no value")}, got {(actual.HasValue ? "a value" : "no value")}";
        }

        if (!expected.HasValue)
        {
            return null;
        }

        if (expected.Kind != actual.Kind)
        {
            return $"{name}: expected a {expected.Kind}, got a {actual.Kind}";
        }

        if (expected.Kind == OnnxValueKind.Tensor)
        {
            return TensorDifference(expected.Tensor!, actual.Tensor!, name, absoluteTolerance);
        }

        if (expected.Items.Count != actual.Items.Count)
        {
            return $"{name}: expected {expected.Items.Count} items, got {actual.Items.Count}";
        }

        for (var i = 0; i < expected.Items.Count; i++)
        {
            if (Difference(expected.Items[i], actual.Items[i], $"{name}[{i}]", absoluteTolerance) is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string? TensorDifference(Tensor expected, Tensor actual, string name, double atol)
    {
        if (expected.ElementType != actual.ElementType)
        {
            return $"{name}: expected {expected.ElementType}, got {actual.ElementType}";
        }

        if (!expected.Shape.SequenceEqual(actual.Shape))
        {
            return $"{name}: expected shape {Tensor.FormatShape(expected.Shape)}, got {Tensor.FormatShape(actual.Shape)}";
        }

        var floats = AsDoubles(expected);
        if (floats is not null)
        {
            var got = AsDoubles(actual)!;
            for (var i = 0; i < floats.Length; i++)
            {
                if (!Close(floats[i], got[i], atol))
                {
                    var scale = floats.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
                    return $"{name}: element {i} expected {F(floats[i])}, got {F(got[i])} (rtol {RelativeTolerance}, atol {atol}; max |expected| {F(scale)})";
                }
            }

            return null;
        }

        for (var i = 0; i < expected.Data.Length; i++)
        {
            if (!Equals(expected.Data.GetValue(i), actual.Data.GetValue(i)))
            {
                return $"{name}: element {i} expected '{expected.Data.GetValue(i)}', got '{actual.Data.GetValue(i)}'";
            }
        }

        return null;
    }

    private static bool Close(double expected, double actual, double atol) =>
        (double.IsNaN(expected) && double.IsNaN(actual))
        || expected == actual
        || (double.IsFinite(expected) && double.IsFinite(actual) && Math.Abs(actual - expected) <= atol + (RelativeTolerance * Math.Abs(expected)));

    private static double[]? AsDoubles(Tensor t) => t.ElementType switch
    {
        TensorElementType.Float => ((float[])t.Data).Select(v => (double)v).ToArray(),
        TensorElementType.Double => (double[])t.Data,
        TensorElementType.Float16 => t.Data is Half[] h ? h.Select(v => (double)v).ToArray() : ((ushort[])t.Data).Select(v => (double)BitConverter.UInt16BitsToHalf(v)).ToArray(),
        TensorElementType.BFloat16 => ((ushort[])t.Data).Select(v => (double)BitConverter.Int32BitsToSingle(v << 16)).ToArray(),
        _ => null,
    };

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
