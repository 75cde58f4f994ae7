// Small shape utilities shared by the training kernels: element counts, axis normalization and
// NumPy-style broadcasting.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Training.Graph;

/// <summary>Shape arithmetic.</summary>
internal static class ShapeMath
{
    /// <summary>Returns the product of the dimensions.</summary>
    public static int Count(ReadOnlySpan<int> shape)
    {
        var n = 1;
        foreach (var d in shape)
        {
            n *= d;
        }

        return n;
    }

    /// <summary>Returns the product of dims [from, to).</summary>
    public static int Count(ReadOnlySpan<int> shape, int from, int to)
    {
        var n = 1;
        for (var i = from; i < to; i++)
        {
            n *= shape[i];
        }

        return n;
    }

    /// <summary>Normalizes a possibly negative axis.</summary>
    public static int Axis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);

    /// <summary>Returns the broadcast shape of two shapes, or throws naming the node.</summary>
    public static int[] Broadcast(int[] a, int[] b, string node)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
            {
                throw new EdgeException(DiagnosticCatalog.Training.UnsupportedConfiguration, $"Node '{node}': shapes {Format(a)} and {Format(b)} do not broadcast.");
            }

            result[i] = Math.Max(da, db);
        }

        return result;
    }

    /// <summary>Returns strides of <paramref name="shape"/> aligned right to <paramref name="outShape"/>, 0 where broadcast.</summary>
    public static int[] BroadcastStrides(int[] shape, int[] outShape)
    {
        var rank = outShape.Length;
        var strides = new int[rank];
        var s = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var j = i - (rank - shape.Length);
            var d = j >= 0 ? shape[j] : 1;
            strides[i] = d == 1 ? 0 : s;
            s *= d;
        }

        return strides;
    }

    /// <summary>Renders a shape.</summary>
    public static string Format(IEnumerable<int> shape) => "[" + string.Join(",", shape) + "]";
}
