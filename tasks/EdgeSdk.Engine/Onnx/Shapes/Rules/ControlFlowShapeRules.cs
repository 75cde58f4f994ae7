// Shape rules of control flow, from the types their body graphs declare: If takes what both branches
// agree on; Loop's carried values take the body's declared outputs. Bodies without declared types leave
// the outputs unknown.
namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for If and Loop.</summary>
internal static class ControlFlowShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["If"] = If;
        rules["Loop"] = Loop;
    }

    private static void If(NodeShapeContext ctx)
    {
        var thenOutputs = ctx.Node.Find("then_branch")?.G?.Output;
        var elseOutputs = ctx.Node.Find("else_branch")?.G?.Output;
        if (thenOutputs is null || elseOutputs is null)
        {
            return;
        }

        for (var i = 0; i < ctx.OutputCount && i < thenOutputs.Count && i < elseOutputs.Count; i++)
        {
            ctx.SetOutput(i, Agree(InferredType.FromProto(thenOutputs[i].Type), InferredType.FromProto(elseOutputs[i].Type)));
        }
    }

    private static void Loop(NodeShapeContext ctx)
    {
        // Body outputs: condition, then N loop-carried values, then scan outputs. The node's first N outputs are the carried values.
        var body = ctx.Node.Find("body")?.G;
        var carried = ctx.InputCount - 2;
        if (body is null || carried < 0)
        {
            return;
        }

        for (var i = 0; i < carried && i < ctx.OutputCount && i + 1 < body.Output.Count; i++)
        {
            ctx.SetOutput(i, Agree(InferredType.FromProto(body.Output[i + 1].Type), ctx.Input(i + 2)));
        }
    }

    private static InferredType Agree(InferredType a, InferredType b)
    {
        if (a.ElementType != b.ElementType)
        {
            return InferredType.Unknown;
        }

        if (a.Shape is null || b.Shape is null || a.Shape.Count != b.Shape.Count)
        {
            return new InferredType(a.ElementType, null);
        }

        return new InferredType(a.ElementType, a.Shape.Select((d, i) => d.SameAs(b.Shape[i]) ? d : ShapeDim.Unknown).ToArray());
    }
}
