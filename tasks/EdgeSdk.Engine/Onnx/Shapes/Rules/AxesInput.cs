// Operators moved `axes`-like arguments from attributes to inputs at different opsets (Squeeze and
// Unsqueeze at 13, ReduceSum at 13, the other reductions at 18, Split's `split` at 13). This reads
// whichever form applies to the node's opset.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Reads integer lists given either as an attribute (old opsets) or as a constant input.</summary>
internal static class AxesInput
{
    /// <summary>
    /// Returns the list: from input <paramref name="inputIndex"/> when the node's opset is at least
    /// <paramref name="inputSinceOpset"/>, otherwise from attribute <paramref name="attribute"/>.
    /// <paramref name="given"/> says whether the list was supplied at all; the result is null when it was
    /// supplied but is not statically known.
    /// </summary>
    public static long[]? Read(NodeShapeContext ctx, string attribute, int inputIndex, long inputSinceOpset, out bool given)
    {
        if (ctx.Opset >= inputSinceOpset)
        {
            given = ctx.HasInput(inputIndex);
            return given ? ctx.KnownInts(inputIndex) : null;
        }

        var values = ctx.Node.GetInts(attribute);
        given = values is not null;
        return values;
    }
}
