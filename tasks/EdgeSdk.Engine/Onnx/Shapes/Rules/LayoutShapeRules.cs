// Shape rules of operators that rearrange data without computing on it: Reshape (0 copies, -1 infers,
// symbolic sizes cancel), Flatten, Squeeze/Unsqueeze (attribute or input form by opset), Transpose,
// Concat, Split, Expand, Tile, Pad, DepthToSpace and SpaceToDepth.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for reshaping, transposing, joining and splitting operators.</summary>
internal static class LayoutShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Reshape"] = Reshape;
        rules["Flatten"] = Flatten;
        rules["Squeeze"] = Squeeze;
        rules["Unsqueeze"] = Unsqueeze;
        rules["Transpose"] = Transpose;
        rules["Concat"] = Concat;
        rules["Split"] = Split;
        rules["Expand"] = Expand;
        rules["Tile"] = Tile;
        rules["Pad"] = Pad;
        rules["DepthToSpace"] = ctx => BlockRearrange(ctx, toSpace: true);
        rules["SpaceToDepth"] = ctx => BlockRearrange(ctx, toSpace: false);
    }

    /// <summary>Resolves a Reshape target against the input shape (0 = copy unless allowzero, -1 = the rest).</summary>
    public static ShapeDim[] ResolveReshape(IReadOnlyList<ShapeDim>? input, IReadOnlyList<ShapeDim> target, bool allowZero)
    {
        var result = new ShapeDim[target.Count];
        var inferAt = -1;
        for (var i = 0; i < target.Count; i++)
        {
            var t = target[i];
            if (t.Is(0) && !allowZero)
            {
                result[i] = input is not null && i < input.Count ? input[i] : ShapeDim.Unknown;
            }
            else if (t.Is(-1))
            {
                inferAt = i;
            }
            else
            {
                result[i] = t;
            }
        }

        if (inferAt >= 0)
        {
            result[inferAt] = input is null ? ShapeDim.Unknown : ShapeArithmetic.Quotient(input, result.Where((_, i) => i != inferAt).ToArray());
        }

        return result;
    }

    private static void Reshape(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        IReadOnlyList<ShapeDim>? target = ctx.Opset < 5 ? ctx.Node.GetInts("shape")?.Select(ShapeDim.Known).ToArray() : ctx.Folded(1)?.Elements;
        ShapeDim[]? shape = null;
        if (target is not null)
        {
            shape = ResolveReshape(x, target, ctx.Node.GetInt("allowzero", 0) != 0);
        }
        else if (ctx.Shape(1) is { Count: 1 } targetShape && targetShape[0].Value is >= 0 and <= 64)
        {
            shape = Enumerable.Repeat(ShapeDim.Unknown, (int)targetShape[0].Value!.Value).ToArray();
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Flatten(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        ShapeDim[]? shape = null;
        if (x is not null)
        {
            var axis = ctx.Node.GetInt("axis", 1);
            var a = (int)(axis < 0 ? axis + x.Count : axis);
            if (a >= 0 && a <= x.Count)
            {
                shape = [ShapeArithmetic.Product(x.Take(a)), ShapeArithmetic.Product(x.Skip(a))];
            }
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Squeeze(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var axes = AxesInput.Read(ctx, "axes", 1, 13, out var given);
        ShapeDim[]? shape = null;
        if (x is not null && !given)
        {
            shape = x.All(d => d.IsKnown) ? x.Where(d => !d.Is(1)).ToArray() : null;
        }
        else if (x is not null && axes is not null)
        {
            var remove = axes.Select(a => ShapeArithmetic.NormalizeAxis(a, x.Count)).ToArray();
            shape = remove.Any(a => a is null) ? null : x.Where((_, i) => !remove.Contains(i)).ToArray();
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Unsqueeze(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var axes = AxesInput.Read(ctx, "axes", 1, 13, out _);
        ShapeDim[]? shape = null;
        if (x is not null && axes is not null)
        {
            var rank = x.Count + axes.Length;
            var inserted = axes.Select(a => ShapeArithmetic.NormalizeAxis(a, rank)).ToHashSet();
            if (!inserted.Contains(null) && inserted.Count == axes.Length)
            {
                shape = new ShapeDim[rank];
                var next = 0;
                for (var i = 0; i < rank; i++)
                {
                    shape[i] = inserted.Contains(i) ? ShapeDim.Known(1) : x[next++];
                }
            }
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Transpose(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        ShapeDim[]? shape = null;
        if (x is not null)
        {
            var perm = ctx.Node.GetInts("perm") ?? Enumerable.Range(0, x.Count).Reverse().Select(i => (long)i).ToArray();
            shape = perm.Length == x.Count && perm.All(p => p >= 0 && p < x.Count) && perm.Distinct().Count() == perm.Length ? perm.Select(p => x[(int)p]).ToArray() : null;
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Concat(NodeShapeContext ctx)
    {
        var shapes = Enumerable.Range(0, ctx.InputCount).Where(ctx.HasInput).Select(ctx.Shape).ToList();
        var type = Enumerable.Range(0, ctx.InputCount).Select(ctx.ElementType).FirstOrDefault(t => t != Tensors.TensorElementType.Undefined);
        var rank = shapes.FirstOrDefault(s => s is not null)?.Count;
        if (rank is null || ShapeArithmetic.NormalizeAxis(ctx.Node.GetInt("axis", 0), rank.Value) is not { } axis)
        {
            ctx.SetOutput(0, type, null);
            return;
        }

        var result = new ShapeDim[rank.Value];
        for (var i = 0; i < rank.Value; i++)
        {
            if (i == axis)
            {
                result[i] = shapes.Any(s => s is null) ? ShapeDim.Unknown : shapes.Count == 1 ? shapes[0]![i] : Sum(shapes.Select(s => s![i]));
            }
            else
            {
                result[i] = shapes.Where(s => s is not null && s.Count == rank).Select(s => s![i]).Aggregate(ShapeArithmetic.Merge);
            }
        }

        ctx.SetOutput(0, type, result);
    }

    private static ShapeDim Sum(IEnumerable<ShapeDim> dims)
    {
        long total = 0;
        foreach (var d in dims)
        {
            if (!d.IsKnown)
            {
                return ShapeDim.Unknown;
            }

            total += d.Value!.Value;
        }

        return ShapeDim.Known(total);
    }

    private static void Split(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var outputs = ctx.OutputCount;
        var sizes = AxesInput.Read(ctx, "split", 1, 13, out var given);
        if (x is null || ShapeArithmetic.NormalizeAxis(ctx.Node.GetInt("axis", 0), x.Count) is not { } axis)
        {
            for (var i = 0; i < outputs; i++)
            {
                ctx.SetOutput(i, ctx.ElementType(0), null);
            }

            return;
        }

        var dim = x[axis];
        for (var i = 0; i < outputs; i++)
        {
            ShapeDim part;
            if (given)
            {
                part = sizes is not null && i < sizes.Length ? ShapeDim.Known(sizes[i]) : ShapeDim.Unknown;
            }
            else if (dim.IsKnown)
            {
                // Opset 18 allows an uneven last chunk: chunks of ceil(dim / n), the last one smaller.
                var chunk = (dim.Value!.Value + outputs - 1) / outputs;
                part = ShapeDim.Known(Math.Max(0, Math.Min(chunk, dim.Value.Value - (chunk * i))));
            }
            else
            {
                part = outputs == 1 ? dim : ShapeDim.Unknown;
            }

            var shape = x.ToArray();
            shape[axis] = part;
            ctx.SetOutput(i, ctx.ElementType(0), shape);
        }
    }

    private static void Expand(NodeShapeContext ctx)
    {
        var target = ctx.Folded(1)?.Elements;
        ctx.SetOutput(0, ctx.ElementType(0), target is null ? null : ShapeArithmetic.Broadcast([ctx.Shape(0), target]));
    }

    private static void Tile(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var repeats = ctx.KnownInts(1);
        ShapeDim[]? shape = null;
        if (x is not null)
        {
            shape = repeats is not null && repeats.Length == x.Count
                ? x.Select((d, i) => repeats[i] == 1 ? d : ShapeArithmetic.Map(d, v => v * repeats[i])).ToArray()
                : x.Select(_ => ShapeDim.Unknown).ToArray();
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void Pad(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var pads = ctx.Opset < 11 ? ctx.Node.GetInts("pads") : ctx.KnownInts(1);
        ShapeDim[]? shape = null;
        if (x is not null)
        {
            var axes = ctx.Opset >= 18 && ctx.HasInput(3) ? ctx.KnownInts(3)?.Select(a => ShapeArithmetic.NormalizeAxis(a, x.Count) ?? -1).ToArray() : Enumerable.Range(0, x.Count).ToArray();
            shape = x.Select(_ => ShapeDim.Unknown).ToArray();
            if (pads is not null && axes is not null && pads.Length == 2 * axes.Length && axes.All(a => a >= 0))
            {
                shape = x.ToArray();
                for (var i = 0; i < axes.Length; i++)
                {
                    var total = pads[i] + pads[axes.Length + i];
                    shape[axes[i]] = total == 0 ? x[axes[i]] : ShapeArithmetic.Map(x[axes[i]], v => v + total);
                }
            }
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }

    private static void BlockRearrange(NodeShapeContext ctx, bool toSpace)
    {
        var x = ctx.Shape(0);
        var b = ctx.Node.GetInt("blocksize", 1);
        ShapeDim[]? shape = null;
        if (x is { Count: 4 } && b > 0)
        {
            shape = toSpace
                ? [x[0], ShapeArithmetic.Map(x[1], c => c / (b * b)), ShapeArithmetic.Map(x[2], h => h * b), ShapeArithmetic.Map(x[3], w => w * b)]
                : [x[0], ShapeArithmetic.Map(x[1], c => c * b * b), ShapeArithmetic.Map(x[2], h => h / b), ShapeArithmetic.Map(x[3], w => w / b)];
        }

        ctx.SetOutput(0, ctx.ElementType(0), shape);
    }
}
