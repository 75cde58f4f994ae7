// Shape rules of normalizations: the normalized output keeps the input's shape; BatchNormalization's
// training outputs are per-channel, LayerNormalization's mean and inverse std keep the leading axes.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for BatchNormalization, LayerNormalization and the shape-preserving normalizations.</summary>
internal static class NormalizationShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["BatchNormalization"] = BatchNormalization;
        rules["LayerNormalization"] = LayerNormalization;
        rules["InstanceNormalization"] = ElementwiseShapeRules.SameAsInput;
        rules["GroupNormalization"] = ElementwiseShapeRules.SameAsInput;
        rules["LpNormalization"] = ElementwiseShapeRules.SameAsInput;
        rules["MeanVarianceNormalization"] = ElementwiseShapeRules.SameAsInput;
    }

    private static void BatchNormalization(NodeShapeContext ctx)
    {
        ctx.SetOutput(0, ctx.Input(0));
        var x = ctx.Shape(0);
        var channels = x is { Count: >= 2 } ? x[1] : ctx.Shape(1) is { Count: 1 } s ? s[0] : ShapeDim.Unknown;
        for (var i = 1; i < ctx.OutputCount; i++)
        {
            ctx.SetOutput(i, ctx.ElementType(ctx.Opset >= 14 ? 3 : 1), [channels]);
        }
    }

    private static void LayerNormalization(NodeShapeContext ctx)
    {
        ctx.SetOutput(0, ctx.Input(0));
        var x = ctx.Shape(0);
        var stash = (TensorElementType)ctx.Node.GetInt("stash_type", (long)TensorElementType.Float);
        ShapeDim[]? reduced = null;
        if (x is not null && ShapeArithmetic.NormalizeAxis(ctx.Node.GetInt("axis", -1), x.Count) is { } axis)
        {
            reduced = x.Select((d, i) => i < axis ? d : ShapeDim.Known(1)).ToArray();
        }

        ctx.SetOutput(1, stash, reduced);
        ctx.SetOutput(2, stash, reduced);
    }
}
