// Shape rules of Resize and Upsample: output sizes from constant `sizes`, or floor(size * scale) from
// constant `scales` (computed in float32 like ONNX Runtime), over all axes or the `axes` attribute.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for Resize and Upsample.</summary>
internal static class ResizeShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Resize"] = Resize;
        rules["Upsample"] = Upsample;
    }

    private static void Resize(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var scalesInput = ctx.Opset < 11 ? 1 : 2;
        var scales = ctx.ConstantFloats(scalesInput);
        var sizes = ctx.Opset < 11 ? null : ctx.KnownInts(3);
        var policy = ctx.Node.GetString("keep_aspect_ratio_policy", "stretch");
        ctx.SetOutput(0, ctx.ElementType(0), Apply(x, ctx.Node.GetInts("axes"), scales is { Length: > 0 } ? scales : null, sizes is { Length: > 0 } && policy == "stretch" ? sizes : null));
    }

    private static void Upsample(NodeShapeContext ctx)
    {
        var scales = ctx.Opset < 9 ? ctx.Node.GetFloats("scales") : ctx.ConstantFloats(1);
        ctx.SetOutput(0, ctx.ElementType(0), Apply(ctx.Shape(0), null, scales, null));
    }

    private static ShapeDim[]? Apply(IReadOnlyList<ShapeDim>? x, long[]? axes, float[]? scales, long[]? sizes)
    {
        if (x is null)
        {
            return null;
        }

        var result = x.ToArray();
        var targetAxes = axes is null ? Enumerable.Range(0, x.Count).ToArray() : axes.Select(a => ShapeArithmetic.NormalizeAxis(a, x.Count) ?? -1).ToArray();
        if ((sizes ?? (Array?)scales)?.Length != targetAxes.Length || targetAxes.Any(a => a < 0))
        {
            return x.Select(_ => ShapeDim.Unknown).ToArray();
        }

        for (var i = 0; i < targetAxes.Length; i++)
        {
            var axis = targetAxes[i];
            if (sizes is not null)
            {
                result[axis] = ShapeDim.Known(sizes[i]);
            }
            else
            {
                var scale = scales![i];
                result[axis] = scale == 1f ? x[axis] : ShapeArithmetic.Map(x[axis], v => (long)MathF.Floor(scale * v));
            }
        }

        return result;
    }
}
