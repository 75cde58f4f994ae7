// Shape rules of operators that select elements: Gather, GatherElements, Slice (attribute form before
// opset 10, inputs after; numpy clamping), TopK, NonZero and Range.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for Gather, GatherElements, Slice, TopK, NonZero and Range.</summary>
internal static class IndexingShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Gather"] = Gather;
        rules["GatherElements"] = ctx => ctx.SetOutput(0, ctx.ElementType(0), ctx.Shape(1));
        rules["Slice"] = Slice;
        rules["TopK"] = TopK;
        rules["NonZero"] = ctx => ctx.SetOutput(0, TensorElementType.Int64, ctx.Shape(0) is { } x ? [ShapeDim.Known(x.Count), ShapeDim.Unknown] : null);
        rules["Range"] = Range;
        rules["GatherND"] = GatherNd;
        rules["OneHot"] = OneHot;
        rules["ScatterND"] = ElementwiseShapeRules.SameAsInput;
        rules["ScatterElements"] = ElementwiseShapeRules.SameAsInput;
        rules["Scatter"] = ElementwiseShapeRules.SameAsInput;
        rules["Trilu"] = ElementwiseShapeRules.SameAsInput;
        rules["NonMaxSuppression"] = ctx => ctx.SetOutput(0, Tensors.TensorElementType.Int64, [ShapeDim.Unknown, ShapeDim.Known(3)]);
    }

    /// <summary>Computes the length of a numpy-style slice of a dimension of size <paramref name="dim"/>.</summary>
    public static long SliceLength(long dim, long start, long end, long step)
    {
        if (dim <= 0 || step == 0)
        {
            return 0;
        }

        if (start < 0)
        {
            start += dim;
        }

        if (end < 0)
        {
            end += dim;
        }

        if (step > 0)
        {
            start = Math.Clamp(start, 0, dim);
            end = Math.Clamp(end, 0, dim);
            return end <= start ? 0 : ((end - start) + step - 1) / step;
        }

        start = Math.Clamp(start, 0, dim - 1);
        end = Math.Clamp(end, -1, dim - 1);
        return start <= end ? 0 : ((start - end) + (-step) - 1) / -step;
    }

    private static void Gather(NodeShapeContext ctx)
    {
        var data = ctx.Shape(0);
        var indices = ctx.Shape(1);
        ShapeDim[]? shape = null;
        if (data is not null && indices is not null && ShapeArithmetic.NormalizeAxis(ctx.Node.GetInt("axis", 0), data.Count) is { } axis)
        {
            shape = [.. data.Take(axis), .. indices, .. data.Skip(axis + 1)];
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Slice(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        if (x is null)
        {
            ctx.SetOutput(0, ctx.ElementType(0), null);
            return;
        }

        long[]? starts, ends, axes, steps;
        if (ctx.Opset < 10)
        {
            starts = ctx.Node.GetInts("starts");
            ends = ctx.Node.GetInts("ends");
            axes = ctx.Node.GetInts("axes");
            steps = null;
        }
        else
        {
            starts = ctx.KnownInts(1);
            ends = ctx.KnownInts(2);
            axes = ctx.HasInput(3) ? ctx.KnownInts(3) : null;
            steps = ctx.HasInput(4) ? ctx.KnownInts(4) : null;
            if ((ctx.HasInput(3) && axes is null) || (ctx.HasInput(4) && steps is null))
            {
                starts = null;
            }
        }

        var shape = x.ToArray();
        if (starts is null || ends is null || starts.Length != ends.Length)
        {
            ctx.SetOutput(0, ctx.ElementType(0), x.Select(_ => ShapeDim.Unknown).ToArray());
            return;
        }

        axes ??= Enumerable.Range(0, starts.Length).Select(i => (long)i).ToArray();
        for (var i = 0; i < starts.Length && i < axes.Length; i++)
        {
            if (ShapeArithmetic.NormalizeAxis(axes[i], x.Count) is not { } axis)
            {
                ctx.SetOutput(0, ctx.ElementType(0), null);
                return;
            }

            var step = steps is not null && i < steps.Length ? steps[i] : 1;
            var dim = x[axis];
            if (dim.IsKnown && step != 0)
            {
                shape[axis] = ShapeDim.Known(SliceLength(dim.Value!.Value, starts[i], ends[i], step));
            }
            else
            {
                // Taking everything keeps a symbolic size; anything else is unknown.
                shape[axis] = starts[i] == 0 && ends[i] >= int.MaxValue && step == 1 ? dim : ShapeDim.Unknown;
            }
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void TopK(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        ShapeDim[]? shape = null;
        if (x is not null && ShapeArithmetic.NormalizeAxis(ctx.Node.GetInt("axis", -1), x.Count) is { } axis)
        {
            var k = ctx.Opset < 10 ? ctx.Node.GetInt("k", -1) : ctx.KnownInts(1) is [var v] ? v : -1;
            shape = x.ToArray();
            shape[axis] = k >= 0 ? ShapeDim.Known(k) : ShapeDim.Unknown;
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
        ctx.SetOutput(1, TensorElementType.Int64, shape);
    }

    private static void GatherNd(NodeShapeContext ctx)
    {
        var data = ctx.Shape(0);
        var indices = ctx.Shape(1);
        var batchDims = (int)ctx.Node.GetInt("batch_dims", 0);
        ShapeDim[]? shape = null;
        if (data is not null && indices is { Count: > 0 } && indices[^1].Value is { } last && batchDims + last <= data.Count)
        {
            shape = [.. indices.Take(indices.Count - 1), .. data.Skip(batchDims + (int)last)];
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void OneHot(NodeShapeContext ctx)
    {
        var indices = ctx.Shape(0);
        ShapeDim[]? shape = null;
        if (indices is not null && ShapeArithmetic.NormalizeAxis(ctx.Node.GetInt("axis", -1), indices.Count + 1) is { } axis)
        {
            var depth = ctx.KnownInts(1) is [var d] ? ShapeDim.Known(d) : ShapeDim.Unknown;
            shape = [.. indices.Take(axis), depth, .. indices.Skip(axis)];
        }

        ctx.SetOutput(0, ctx.ElementType(2), shape);
    }

    private static void Range(NodeShapeContext ctx)
    {
        var length = ShapeDim.Unknown;
        if (ctx.KnownInts(0) is [var start] && ctx.KnownInts(1) is [var limit] && ctx.KnownInts(2) is [var delta] && delta != 0)
        {
            length = ShapeDim.Known(Math.Max(0, (long)Math.Ceiling((limit - start) / (double)delta)));
        }

        ctx.SetOutput(0, ctx.ElementType(0), [length]);
    }
}
