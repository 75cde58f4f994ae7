// Shape rules of the recurrent layers RNN, GRU and LSTM: Y is [seq, directions, batch, hidden] and the
// final states [directions, batch, hidden] (layout 0), or batch-first with layout 1.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for RNN, GRU and LSTM.</summary>
internal static class RecurrentShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["RNN"] = Recurrent;
        rules["GRU"] = Recurrent;
        rules["LSTM"] = Recurrent;
    }

    private static void Recurrent(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        var batchFirst = ctx.Node.GetInt("layout", 0) == 1;
        var directions = ShapeDim.Known(ctx.Node.GetString("direction", "forward") == "bidirectional" ? 2 : 1);
        var hidden = ctx.Node.Find("hidden_size") is { } h ? ShapeDim.Known(h.I) : ShapeDim.Unknown;
        var seq = x is { Count: 3 } ? x[batchFirst ? 1 : 0] : ShapeDim.Unknown;
        var batch = x is { Count: 3 } ? x[batchFirst ? 0 : 1] : ShapeDim.Unknown;
        var type = ctx.ElementType(0);
        ctx.SetOutput(0, type, batchFirst ? [batch, seq, directions, hidden] : [seq, directions, batch, hidden]);
        for (var i = 1; i < ctx.OutputCount; i++)
        {
            ctx.SetOutput(i, type, batchFirst ? [batch, directions, hidden] : [directions, batch, hidden]);
        }
    }
}
