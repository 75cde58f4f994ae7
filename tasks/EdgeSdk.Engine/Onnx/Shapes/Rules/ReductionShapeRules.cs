// Shape rules of reductions: Reduce* (axes as an attribute or, from opset 13 for ReduceSum and 18 for the
// others, an input; keepdims; noop_with_empty_axes) and ArgMax/ArgMin.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for the Reduce* operators, ArgMax and ArgMin.</summary>
internal static class ReductionShapeRules
{
    private static readonly string[] Reductions = ["ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd", "ReduceSum", "ReduceSumSquare"];

    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        foreach (var op in Reductions)
        {
            var axesInputSince = op == "ReduceSum" ? 13 : 18;
            rules[op] = ctx => Reduce(ctx, axesInputSince);
        }

        rules["ArgMax"] = ArgReduce;
        rules["ArgMin"] = ArgReduce;
    }

    private static void Reduce(NodeShapeContext ctx, long axesInputSince)
    {
        var x = ctx.Shape(0);
        var keep = ctx.Node.GetInt("keepdims", 1) != 0;
        var axes = AxesInput.Read(ctx, "axes", 1, axesInputSince, out var given);
        if (x is null)
        {
            ctx.SetOutput(0, ctx.ElementType(0), null);
            return;
        }

        if (given && axes is null)
        {
            ctx.SetOutput(0, ctx.ElementType(0), keep ? x.Select(_ => ShapeDim.Unknown).ToArray() : null);
            return;
        }

        if (axes is null or { Length: 0 })
        {
            if (ctx.Node.GetInt("noop_with_empty_axes", 0) != 0)
            {
                ctx.SetOutput(0, ctx.Input(0));
                return;
            }

            axes = Enumerable.Range(0, x.Count).Select(i => (long)i).ToArray();
        }

        ctx.SetOutput(0, ctx.ElementType(0), Reduced(x, axes, keep));
    }

    private static void ArgReduce(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        ctx.SetOutput(0, TensorElementType.Int64, x is null ? null : Reduced(x, [ctx.Node.GetInt("axis", 0)], ctx.Node.GetInt("keepdims", 1) != 0));
    }

    private static ShapeDim[]? Reduced(IReadOnlyList<ShapeDim> x, long[] axes, bool keep)
    {
        var reduced = axes.Select(a => ShapeArithmetic.NormalizeAxis(a, x.Count)).ToHashSet();
        if (reduced.Contains(null))
        {
            return null;
        }

        return keep
            ? x.Select((d, i) => reduced.Contains(i) ? ShapeDim.Known(1) : d).ToArray()
            : x.Where((_, i) => !reduced.Contains(i)).ToArray();
    }
}
