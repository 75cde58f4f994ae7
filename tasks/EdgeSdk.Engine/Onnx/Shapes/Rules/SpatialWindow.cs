// The sliding-window output size shared by Conv and the pooling operators: kernel, strides, dilations,
// explicit pads or auto_pad (SAME_UPPER, SAME_LOWER, VALID), and ceil_mode for pools.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Computes spatial output sizes of windowed operators from their attributes.</summary>
internal static class SpatialWindow
{
    /// <summary>Returns the output spatial dimensions for input spatial dimensions and kernel sizes.</summary>
    public static ShapeDim[] OutputDims(NodeShapeContext ctx, IReadOnlyList<ShapeDim> input, IReadOnlyList<long?> kernel, bool ceilMode)
    {
        var n = input.Count;
        var strides = ctx.Node.GetInts("strides") ?? Enumerable.Repeat(1L, n).ToArray();
        var dilations = ctx.Node.GetInts("dilations") ?? Enumerable.Repeat(1L, n).ToArray();
        var pads = ctx.Node.GetInts("pads") ?? new long[2 * n];
        var autoPad = ctx.Node.GetString("auto_pad", "NOTSET");
        var result = new ShapeDim[n];
        for (var i = 0; i < n; i++)
        {
            var s = i < strides.Length ? strides[i] : 1;
            var d = i < dilations.Length ? dilations[i] : 1;
            var k = i < kernel.Count ? kernel[i] : null;
            var pb = i < pads.Length ? pads[i] : 0;
            var pe = n + i < pads.Length ? pads[n + i] : 0;
            result[i] = OneDim(input[i], k, s, d, pb, pe, autoPad, ceilMode);
        }

        return result;
    }

    private static ShapeDim OneDim(ShapeDim input, long? kernel, long stride, long dilation, long padBegin, long padEnd, string autoPad, bool ceilMode)
    {
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            return stride == 1 ? input : ShapeArithmetic.Map(input, x => CeilDiv(x, stride));
        }

        if (kernel is null || stride <= 0)
        {
            return ShapeDim.Unknown;
        }

        var effectiveKernel = ((kernel.Value - 1) * dilation) + 1;
        if (autoPad == "VALID")
        {
            padBegin = padEnd = 0;
        }

        if (!input.IsKnown)
        {
            // A symbolic size passes through a window that maps each position to itself.
            return effectiveKernel == padBegin + padEnd + 1 && stride == 1 ? input : ShapeDim.Unknown;
        }

        var numerator = input.Value!.Value + padBegin + padEnd - effectiveKernel;
        if (numerator < 0)
        {
            return ShapeDim.Unknown;
        }

        var output = (ceilMode ? CeilDiv(numerator, stride) : numerator / stride) + 1;
        if (ceilMode && (output - 1) * stride >= input.Value.Value + padBegin)
        {
            // The last window would start in the end padding; ONNX Runtime and PyTorch drop it.
            output--;
        }

        return ShapeDim.Known(output);
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;
}
