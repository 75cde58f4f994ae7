// Per-input preprocessing of a data set: reshape, scale, then (x - mean) / std per channel, then a layout change
// between NHWC and NCHW. The channel axis is the stored layout's (last for NHWC, 1 otherwise).
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>Applies a <see cref="PreprocessSpec"/> to one input tensor.</summary>
internal static class Preprocessor
{
    /// <summary>Returns the preprocessed tensor (float32).</summary>
    public static Tensor Apply(string setName, string input, Tensor tensor, PreprocessSpec spec)
    {
        var values = ToFloat(tensor);
        var shape = tensor.Shape.ToArray();
        if (spec.Reshape is { } reshape)
        {
            var perSample = Tensor.ElementCount(reshape.ToArray());
            var rowSize = shape.Length == 0 || shape[0] == 0 ? 0 : values.Length / shape[0];
            if (perSample != rowSize)
            {
                throw new EdgeException(DiagnosticCatalog.Data.PreprocessMismatch, $"Data set '{setName}': input '{input}' has {rowSize} values per sample, but reshape {Tensor.FormatShape(reshape)} needs {perSample}.", spec.Location);
            }

            shape = [shape[0], .. reshape];
        }

        if (spec.Scale is { } scale)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)(values[i] * scale);
            }
        }

        if (spec.Mean.Count > 0)
        {
            Normalize(setName, input, values, shape, spec);
        }

        if (spec.Layout != LayoutChange.None)
        {
            if (shape.Length != 4)
            {
                throw new EdgeException(DiagnosticCatalog.Data.PreprocessMismatch, $"Data set '{setName}': input '{input}' has shape {Tensor.FormatShape(shape)}; a layout change needs 4 dimensions (N,H,W,C or N,C,H,W).", spec.Location);
            }

            (values, shape) = spec.Layout == LayoutChange.NhwcToNchw ? Transpose(values, shape, [0, 3, 1, 2]) : Transpose(values, shape, [0, 2, 3, 1]);
        }

        return Tensor.FromFloat(values, shape);
    }

    private static void Normalize(string setName, string input, float[] values, long[] shape, PreprocessSpec spec)
    {
        var channelAxis = spec.Layout == LayoutChange.NhwcToNchw ? shape.Length - 1 : Math.Min(1, shape.Length - 1);
        var channels = shape.Length > 1 ? shape[channelAxis] : 1;
        var perChannel = Math.Max(spec.Mean.Count, spec.Std.Count);
        if (perChannel > 1 && perChannel != channels)
        {
            throw new EdgeException(DiagnosticCatalog.Data.PreprocessMismatch, $"Data set '{setName}': input '{input}' has {channels} channels (axis {channelAxis} of {Tensor.FormatShape(shape)}), but mean/std give {perChannel} values. Give one value or one per channel.", spec.Location);
        }

        long inner = 1;
        for (var d = channelAxis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }

        for (long i = 0; i < values.Length; i++)
        {
            var c = (int)(i / inner % channels);
            var mean = spec.Mean.Count == 1 ? spec.Mean[0] : spec.Mean[c];
            var std = spec.Std.Count == 1 ? spec.Std[0] : spec.Std[c];
            values[i] = (float)((values[i] - mean) / std);
        }
    }

    private static (float[] Values, long[] Shape) Transpose(float[] values, long[] shape, int[] perm)
    {
        var outShape = perm.Select(p => shape[p]).ToArray();
        var result = new float[values.Length];
        var inStrides = Strides(shape);
        var outStrides = Strides(outShape);
        var index = new long[4];
        for (long o = 0; o < result.Length; o++)
        {
            var rest = o;
            for (var d = 0; d < 4; d++)
            {
                index[d] = rest / outStrides[d];
                rest %= outStrides[d];
            }

            long source = 0;
            for (var d = 0; d < 4; d++)
            {
                source += index[d] * inStrides[perm[d]];
            }

            result[o] = values[source];
        }

        return (result, outShape);
    }

    private static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long s = 1;
        for (var d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= shape[d];
        }

        return strides;
    }

    private static float[] ToFloat(Tensor tensor) => tensor.Data switch
    {
        float[] f => (float[])f.Clone(),
        double[] d => d.Select(v => (float)v).ToArray(),
        byte[] b => b.Select(v => (float)v).ToArray(),
        sbyte[] b => b.Select(v => (float)v).ToArray(),
        int[] i => i.Select(v => (float)v).ToArray(),
        long[] l => l.Select(v => (float)v).ToArray(),
        short[] s => s.Select(v => (float)v).ToArray(),
        _ => throw new EdgeException(DiagnosticCatalog.Data.PreprocessMismatch, $"Cannot preprocess a {tensor.ElementType} tensor; store numbers."),
    };
}
