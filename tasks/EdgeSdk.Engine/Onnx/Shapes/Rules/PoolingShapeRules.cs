// Shape rules of pooling: windowed pools (MaxPool with its optional indices, AveragePool, LpPool) and
// global pools, which reduce every spatial dimension to 1.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for MaxPool, AveragePool, LpPool and the Global* pools.</summary>
internal static class PoolingShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["MaxPool"] = Pool;
        rules["AveragePool"] = Pool;
        rules["LpPool"] = Pool;
        rules["GlobalAveragePool"] = GlobalPool;
        rules["GlobalMaxPool"] = GlobalPool;
        rules["GlobalLpPool"] = GlobalPool;
    }

    private static void Pool(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var kernel = ctx.Node.GetInts("kernel_shape");
        ShapeDim[]? shape = null;
        if (x is not null && x.Count >= 3 && kernel is not null)
        {
            var spatial = SpatialWindow.OutputDims(ctx, x.Skip(2).ToArray(), kernel.Select(k => (long?)k).ToArray(), ctx.Node.GetInt("ceil_mode", 0) != 0);
            shape = [x[0], x[1], .. spatial];
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
        ctx.SetOutput(1, TensorElementType.Int64, shape);
    }

    private static void GlobalPool(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        ctx.SetOutput(0, ctx.ElementType(0), x is null || x.Count < 2 ? null : [x[0], x[1], .. Enumerable.Repeat(ShapeDim.Known(1), x.Count - 2)]);
    }
}
