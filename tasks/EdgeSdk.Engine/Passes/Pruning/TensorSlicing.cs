// Row-major helpers over float arrays with explicit shapes: keep some indices of one axis, and reduce
// every axis but one to a per-index magnitude. Surgery and importance scoring both use them.
namespace EdgeSdk.Passes.Pruning;

/// <summary>Axis-wise operations on dense row-major float data.</summary>
internal static class TensorSlicing
{
    /// <summary>Keeps the entries <paramref name="kept"/> (ascending) of <paramref name="axis"/>; returns the new data and shape.</summary>
    public static (float[] Data, long[] Shape) Take(float[] data, long[] shape, int axis, IReadOnlyList<int> kept)
    {
        var (outer, size, inner) = Split(shape, axis);
        var result = new float[outer * kept.Count * inner];
        var o = 0;
        for (long i = 0; i < outer; i++)
        {
            foreach (var k in kept)
            {
                Array.Copy(data, ((i * size) + k) * inner, result, o, inner);
                o += (int)inner;
            }
        }

        var newShape = (long[])shape.Clone();
        newShape[axis] = kept.Count;
        return (result, newShape);
    }

    /// <summary>Returns, per index of <paramref name="axis"/>, the sum of |x| (power 1) or x² (power 2) over every other axis.</summary>
    public static double[] SumAlongAxis(float[] data, long[] shape, int axis, int power)
    {
        var (outer, size, inner) = Split(shape, axis);
        var result = new double[size];
        for (long i = 0; i < outer; i++)
        {
            for (long c = 0; c < size; c++)
            {
                var start = ((i * size) + c) * inner;
                double sum = 0;
                for (long j = 0; j < inner; j++)
                {
                    var v = data[start + j];
                    sum += power == 1 ? Math.Abs(v) : (double)v * v;
                }

                result[c] += sum;
            }
        }

        return result;
    }

    private static (long Outer, long Size, long Inner) Split(long[] shape, int axis)
    {
        long outer = 1, inner = 1;
        for (var i = 0; i < axis; i++)
        {
            outer *= shape[i];
        }

        for (var i = axis + 1; i < shape.Length; i++)
        {
            inner *= shape[i];
        }

        return (outer, shape[axis], inner);
    }
}
