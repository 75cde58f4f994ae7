// Shape rules of convolutions: Conv, ConvInteger, QLinearConv ([N, M, spatial...] from the weight's
// output channels and the window arithmetic) and ConvTranspose (output_shape, or the transposed formula).
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for Conv, ConvInteger, QLinearConv and ConvTranspose.</summary>
internal static class ConvolutionShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Conv"] = ctx => ctx.SetOutput(0, ctx.ElementType(0), ConvShape(ctx, ctx.Shape(0), ctx.Shape(1)));
        rules["ConvInteger"] = ctx => ctx.SetOutput(0, TensorElementType.Int32, ConvShape(ctx, ctx.Shape(0), ctx.Shape(1)));
        rules["QLinearConv"] = ctx => ctx.SetOutput(0, ctx.ElementType(7), ConvShape(ctx, ctx.Shape(0), ctx.Shape(3)));
        rules["ConvTranspose"] = ConvTranspose;
    }

    private static ShapeDim[]? ConvShape(NodeShapeContext ctx, IReadOnlyList<ShapeDim>? x, IReadOnlyList<ShapeDim>? w)
    {
        var rank = x?.Count ?? w?.Count;
        if (rank is null or < 3)
        {
            return null;
        }

        var spatialRank = rank.Value - 2;
        var kernel = Kernel(ctx, w, spatialRank);
        var inputSpatial = x is not null ? x.Skip(2).ToArray() : Enumerable.Repeat(ShapeDim.Unknown, spatialRank).ToArray();
        var batch = x is not null ? x[0] : ShapeDim.Unknown;
        var channels = w is not null ? w[0] : ShapeDim.Unknown;
        return [batch, channels, .. SpatialWindow.OutputDims(ctx, inputSpatial, kernel, ceilMode: false)];
    }

    private static long At(long[] values, int i, long fallback) => i < values.Length ? values[i] : fallback;

    private static long?[] Kernel(NodeShapeContext ctx, IReadOnlyList<ShapeDim>? w, int spatialRank)
    {
        if (ctx.Node.GetInts("kernel_shape") is { } k)
        {
            return k.Length == spatialRank ? k.Select(v => (long?)v).ToArray() : new long?[spatialRank];
        }

        return w is not null && w.Count == spatialRank + 2 ? w.Skip(2).Select(d => d.Value).ToArray() : new long?[spatialRank];
    }

    private static void ConvTranspose(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var w = ctx.Shape(1);
        if (x is null || x.Count < 3)
        {
            ctx.SetOutput(0, ctx.ElementType(0), null);
            return;
        }

        var n = x.Count - 2;
        var group = ctx.Node.GetInt("group", 1);
        var channels = w is not null && w.Count == x.Count ? ShapeArithmetic.Map(w[1], c => c * group) : ShapeDim.Unknown;
        var kernel = Kernel(ctx, w, n);
        var strides = ctx.Node.GetInts("strides") ?? [];
        var dilations = ctx.Node.GetInts("dilations") ?? [];
        var outputPadding = ctx.Node.GetInts("output_padding") ?? [];
        var pads = ctx.Node.GetInts("pads") ?? [];
        var autoPad = ctx.Node.GetString("auto_pad", "NOTSET");
        var outputShape = ctx.Node.GetInts("output_shape");
        var spatial = new ShapeDim[n];
        for (var i = 0; i < n; i++)
        {
            if (outputShape is not null && outputShape.Length == n)
            {
                spatial[i] = ShapeDim.Known(outputShape[i]);
                continue;
            }

            var s = At(strides, i, 1);
            if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                spatial[i] = ShapeArithmetic.Map(x[2 + i], v => v * s);
                continue;
            }

            var k = kernel[i];
            var padTotal = autoPad == "VALID" ? 0 : At(pads, i, 0) + At(pads, n + i, 0);
            var extra = At(outputPadding, i, 0);
            var d = At(dilations, i, 1);
            spatial[i] = k is null ? ShapeDim.Unknown : ShapeArithmetic.Map(x[2 + i], v => (s * (v - 1)) + extra + ((k.Value - 1) * d) + 1 - padTotal);
        }

        ctx.SetOutput(0, ctx.ElementType(0), [x[0], channels, .. spatial]);
    }
}
