// Shape rules of operators that sample or resample their input by coordinates: GridSample (output grid
// from the grid input), RoiAlign (one pooled map per region), plus shape-preserving Bernoulli and
// ReverseSequence and Det, which drops the trailing matrix dimensions.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for GridSample, RoiAlign, Bernoulli, ReverseSequence and Det.</summary>
internal static class SamplingShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["GridSample"] = GridSample;
        rules["RoiAlign"] = RoiAlign;
        rules["ReverseSequence"] = ElementwiseShapeRules.SameAsInput;
        rules["Bernoulli"] = ctx => ctx.SetOutput(0, (TensorElementType)ctx.Node.GetInt("dtype", (long)ctx.ElementType(0)), ctx.Shape(0));
        rules["Det"] = ctx => ctx.SetOutput(0, ctx.ElementType(0), ctx.Shape(0) is { Count: >= 2 } x ? x.Take(x.Count - 2).ToArray() : null);
    }

    private static void GridSample(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var grid = ctx.Shape(1);
        ShapeDim[]? shape = null;
        if (x is { Count: >= 3 } && grid is not null && grid.Count == x.Count)
        {
            shape = [ShapeArithmetic.Merge(x[0], grid[0]), x[1], .. grid.Skip(1).Take(grid.Count - 2)];
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void RoiAlign(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var rois = ctx.Shape(1);
        var regions = rois is { Count: 2 } ? rois[0] : ctx.Shape(2) is { Count: 1 } b ? b[0] : ShapeDim.Unknown;
        var channels = x is { Count: 4 } ? x[1] : ShapeDim.Unknown;
        ctx.SetOutput(0, ctx.ElementType(0), [regions, channels, ShapeDim.Known(ctx.Node.GetInt("output_height", 1)), ShapeDim.Known(ctx.Node.GetInt("output_width", 1))]);
    }
}
