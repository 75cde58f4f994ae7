// Folds the contents of small integer tensors through the operators exporters use to compute shapes at
// run time (Shape, Gather, Unsqueeze, Concat, Slice, Cast, integer arithmetic ...), so a Reshape or Expand
// whose target is built that way gets a known (or symbolic) target. Runs after the node's shape rule.
using EdgeSdk.Onnx.Shapes.Rules;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>Computes the folded contents of a node's integer outputs from its folded inputs.</summary>
internal static class ShapeValueFolding
{
    /// <summary>Records folded outputs in <paramref name="ctx"/> when they can be computed.</summary>
    public static void Fold(NodeShapeContext ctx)
    {
        switch (ctx.Node.OpType)
        {
            case "Constant":
                Constant(ctx);
                break;
            case "Shape":
                if (ctx.Shape(0) is { } x)
                {
                    var (start, end) = TypeShapeRules.ShapeRange(ctx, x.Count);
                    ctx.SetFolded(0, FoldedValue.Vector(x.Skip(start).Take(end - start)));
                }

                break;
            case "Size":
                if (ctx.Shape(0) is { } s)
                {
                    ctx.SetFolded(0, new FoldedValue([], [ShapeArithmetic.Product(s)]));
                }

                break;
            case "Identity" or "Unsqueeze" or "Squeeze" or "Reshape" or "Flatten" or "Cast":
                Reshaped(ctx);
                break;
            case "Gather":
                Gather(ctx);
                break;
            case "Concat":
                Concat(ctx);
                break;
            case "Slice":
                Slice(ctx);
                break;
            case "Add" or "Sub" or "Mul" or "Div":
                Arithmetic(ctx);
                break;
        }
    }

    private static long[]? OutputShape(NodeShapeContext ctx) => ctx.Outputs[0]?.KnownDims();

    private static bool IsInteger(TensorElementType t) => t is TensorElementType.Int64 or TensorElementType.Int32 or TensorElementType.Int16 or TensorElementType.Int8 or TensorElementType.UInt8;

    private static void Constant(NodeShapeContext ctx)
    {
        if (ctx.Node.Find("value")?.T is { } t)
        {
            ctx.SetFolded(0, FoldedValue.FromTensor(t));
        }
        else if (ctx.Node.Find("value_int") is { } i)
        {
            ctx.SetFolded(0, FoldedValue.FromLongs([], [i.I]));
        }
        else if (ctx.Node.Find("value_ints") is { } ints)
        {
            ctx.SetFolded(0, FoldedValue.FromLongs([ints.Ints.Count], ints.Ints.ToArray()));
        }
    }

    private static void Reshaped(NodeShapeContext ctx)
    {
        if (ctx.Folded(0) is { } input && OutputShape(ctx) is { } shape && Tensor.ElementCount(shape) == input.Elements.Length && IsInteger(ctx.Outputs[0]!.ElementType))
        {
            ctx.SetFolded(0, input.Reshaped(shape));
        }
    }

    private static void Gather(NodeShapeContext ctx)
    {
        if (ctx.Folded(0) is not { Shape.Length: 1 } data || ctx.Folded(1) is not { } indices || indices.KnownValues() is not { } idx || ctx.Node.GetInt("axis", 0) is not (0 or -1))
        {
            return;
        }

        var n = data.Elements.Length;
        if (idx.Any(i => i < -n || i >= n))
        {
            return;
        }

        ctx.SetFolded(0, new FoldedValue(indices.Shape, idx.Select(i => data.Elements[i < 0 ? i + n : i]).ToArray()));
    }

    private static void Concat(NodeShapeContext ctx)
    {
        var parts = Enumerable.Range(0, ctx.InputCount).Where(ctx.HasInput).Select(ctx.Folded).ToList();
        if (parts.All(p => p is { Shape.Length: 1 }))
        {
            ctx.SetFolded(0, FoldedValue.Vector(parts.SelectMany(p => p!.Elements)));
        }
    }

    private static void Slice(NodeShapeContext ctx)
    {
        if (ctx.Opset < 10 || ctx.Folded(0) is not { Shape.Length: 1 } data || ctx.KnownInts(1) is not [var start] || ctx.KnownInts(2) is not [var end])
        {
            return;
        }

        var step = ctx.HasInput(4) ? (ctx.KnownInts(4) is [var s] ? s : 0) : 1;
        if (step == 0 || (ctx.HasInput(3) && ctx.KnownInts(3) is not ([0] or [-1])))
        {
            return;
        }

        var n = data.Elements.Length;
        var length = IndexingShapeRules.SliceLength(n, start, end, step);
        if (length == 0)
        {
            ctx.SetFolded(0, FoldedValue.Vector([]));
            return;
        }

        var first = start < 0 ? start + n : start;
        first = step > 0 ? Math.Clamp(first, 0, n) : Math.Clamp(first, 0, n - 1);
        ctx.SetFolded(0, FoldedValue.Vector(Enumerable.Range(0, (int)length).Select(k => data.Elements[first + (k * step)])));
    }

    private static void Arithmetic(NodeShapeContext ctx)
    {
        if (ctx.Folded(0) is not { } a || ctx.Folded(1) is not { } b || OutputShape(ctx) is not { } shape || !IsInteger(ctx.Outputs[0]!.ElementType))
        {
            return;
        }

        var count = Tensor.ElementCount(shape);
        if ((a.Elements.Length != count && a.Elements.Length != 1) || (b.Elements.Length != count && b.Elements.Length != 1))
        {
            return;
        }

        var op = ctx.Node.OpType;
        var result = new ShapeDim[count];
        for (var i = 0; i < count; i++)
        {
            var x = a.Elements[a.Elements.Length == 1 ? 0 : i];
            var y = b.Elements[b.Elements.Length == 1 ? 0 : i];
            result[i] = Apply(op, x, y);
        }

        ctx.SetFolded(0, new FoldedValue(shape, result));
    }

    private static ShapeDim Apply(string op, ShapeDim x, ShapeDim y)
    {
        if (x.IsKnown && y.IsKnown)
        {
            long a = x.Value!.Value, b = y.Value!.Value;
            return op switch
            {
                "Add" => ShapeDim.Known(a + b),
                "Sub" => ShapeDim.Known(a - b),
                "Mul" => ShapeDim.Known(a * b),
                _ when b != 0 => ShapeDim.Known((long)Math.Floor(a / (double)b)),
                _ => ShapeDim.Unknown,
            };
        }

        // Identities keep a symbol: x*1, x/1, x+0, x-0.
        return op switch
        {
            "Mul" when y.Is(1) => x,
            "Mul" when x.Is(1) => y,
            "Div" when y.Is(1) => x,
            "Add" or "Sub" when y.Is(0) => x,
            "Add" when x.Is(0) => y,
            _ => ShapeDim.Unknown,
        };
    }
}
