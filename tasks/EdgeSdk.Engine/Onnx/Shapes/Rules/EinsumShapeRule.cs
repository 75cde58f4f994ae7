// Shape rule of Einsum: each letter of the equation names one dimension size, "..." stands for broadcast
// leading dimensions, and the output lists letters explicitly after "->" or, implicitly, every letter that
// appears once, in alphabetical order, after the broadcast dimensions.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rule for Einsum.</summary>
internal static class EinsumShapeRule
{
    /// <summary>Adds the rule.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules) => rules["Einsum"] = ctx => ctx.SetOutput(0, ctx.ElementType(0), Infer(ctx));

    private static ShapeDim[]? Infer(NodeShapeContext ctx)
    {
        var equation = ctx.Node.GetString("equation", string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        var arrow = equation.IndexOf("->", StringComparison.Ordinal);
        var terms = (arrow >= 0 ? equation[..arrow] : equation).Split(',');
        if (terms.Length != ctx.InputCount)
        {
            return null;
        }

        var sizes = new Dictionary<char, ShapeDim>();
        var counts = new Dictionary<char, int>();
        var ellipsisShapes = new List<IReadOnlyList<ShapeDim>>();
        for (var t = 0; t < terms.Length; t++)
        {
            var shape = ctx.Shape(t);
            var term = terms[t];
            var dots = term.IndexOf("...", StringComparison.Ordinal);
            var letters = term.Replace("...", string.Empty, StringComparison.Ordinal);
            if (shape is null || (dots < 0 ? letters.Length != shape.Count : letters.Length > shape.Count))
            {
                return null;
            }

            var ellipsisRank = shape.Count - letters.Length;
            if (dots >= 0)
            {
                ellipsisShapes.Add(shape.Skip(dots).Take(ellipsisRank).ToArray());
            }

            for (var i = 0; i < letters.Length; i++)
            {
                var dim = shape[dots >= 0 && i >= dots ? i + ellipsisRank : i];
                sizes[letters[i]] = sizes.TryGetValue(letters[i], out var seen) ? ShapeArithmetic.BroadcastDim(seen, dim) : dim;
                counts[letters[i]] = counts.GetValueOrDefault(letters[i]) + 1;
            }
        }

        var broadcast = ShapeArithmetic.Broadcast(ellipsisShapes) ?? [];
        var output = arrow >= 0 ? equation[(arrow + 2)..] : "..." + new string(counts.Where(kv => kv.Value == 1).Select(kv => kv.Key).Order().ToArray());
        var result = new List<ShapeDim>();
        for (var i = 0; i < output.Length; i++)
        {
            if (output.AsSpan(i).StartsWith("..."))
            {
                result.AddRange(broadcast);
                i += 2;
            }
            else if (sizes.TryGetValue(output[i], out var d))
            {
                result.Add(d);
            }
            else
            {
                return null;
            }
        }

        return [.. result];
    }
}
