// Shape rules of matrix products: MatMul (numpy semantics with batch broadcasting and 1-D promotion),
// its integer and quantized variants, and Gemm (with transposes).
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for MatMul, MatMulInteger, QLinearMatMul and Gemm.</summary>
internal static class MatrixShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["MatMul"] = ctx => ctx.SetOutput(0, ctx.ElementType(0), MatMulShape(ctx.Shape(0), ctx.Shape(1)));
        rules["MatMulInteger"] = ctx => ctx.SetOutput(0, TensorElementType.Int32, MatMulShape(ctx.Shape(0), ctx.Shape(1)));
        rules["QLinearMatMul"] = ctx => ctx.SetOutput(0, ctx.ElementType(7), MatMulShape(ctx.Shape(0), ctx.Shape(3)));
        rules["Gemm"] = Gemm;
    }

    /// <summary>Computes numpy matmul's output shape; null when a rank is unknown or the operands are scalars.</summary>
    public static ShapeDim[]? MatMulShape(IReadOnlyList<ShapeDim>? a, IReadOnlyList<ShapeDim>? b)
    {
        if (a is null || b is null || a.Count == 0 || b.Count == 0)
        {
            return null;
        }

        var a2 = a.Count == 1 ? [ShapeDim.Known(1), a[0]] : a.ToArray();
        var b2 = b.Count == 1 ? [b[0], ShapeDim.Known(1)] : b.ToArray();
        var batch = ShapeArithmetic.Broadcast([a2[..^2], b2[..^2]])!;
        var result = new List<ShapeDim>(batch);
        if (a.Count > 1)
        {
            result.Add(a2[^2]);
        }

        if (b.Count > 1)
        {
            result.Add(b2[^1]);
        }

        return result.ToArray();
    }

    private static void Gemm(NodeShapeContext ctx)
    {
        var a = ctx.Shape(0);
        var b = ctx.Shape(1);
        var m = a is { Count: 2 } ? a[ctx.Node.GetInt("transA", 0) != 0 ? 1 : 0] : ShapeDim.Unknown;
        var n = b is { Count: 2 } ? b[ctx.Node.GetInt("transB", 0) != 0 ? 0 : 1] : ShapeDim.Unknown;
        ctx.SetOutput(0, ctx.ElementType(0) != TensorElementType.Undefined ? ctx.ElementType(0) : ctx.ElementType(1), [m, n]);
    }
}
