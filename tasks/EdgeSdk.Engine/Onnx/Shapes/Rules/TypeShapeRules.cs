// Shape rules of operators whose output type is set by an attribute or another input rather than by
// their data: Cast/CastLike, Constant, ConstantOfShape, Shape, Size and the quantization operators.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for Cast, CastLike, Constant, ConstantOfShape, Shape, Size and (De)QuantizeLinear.</summary>
internal static class TypeShapeRules
{
    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        rules["Cast"] = ctx => ctx.SetOutput(0, (TensorElementType)ctx.Node.GetInt("to", 0), ctx.Shape(0));
        rules["CastLike"] = ctx => ctx.SetOutput(0, ctx.ElementType(1), ctx.Shape(0));
        rules["Constant"] = Constant;
        rules["ConstantOfShape"] = ConstantOfShape;
        rules["Shape"] = Shape;
        rules["Size"] = ctx => ctx.SetOutput(0, TensorElementType.Int64, []);
        rules["QuantizeLinear"] = QuantizeLinear;
        rules["DequantizeLinear"] = DequantizeLinear;
        rules["DynamicQuantizeLinear"] = DynamicQuantizeLinear;
        rules["EyeLike"] = ctx => ctx.SetOutput(0, (TensorElementType)ctx.Node.GetInt("dtype", (long)ctx.ElementType(0)), ctx.Shape(0));
        rules["RandomNormalLike"] = ctx => ctx.SetOutput(0, (TensorElementType)ctx.Node.GetInt("dtype", (long)ctx.ElementType(0)), ctx.Shape(0));
        rules["RandomUniformLike"] = ctx => ctx.SetOutput(0, (TensorElementType)ctx.Node.GetInt("dtype", (long)ctx.ElementType(0)), ctx.Shape(0));
    }

    private static void Constant(NodeShapeContext ctx)
    {
        var node = ctx.Node;
        if (node.Find("value")?.T is { } t)
        {
            ctx.SetOutput(0, InferredType.Of((TensorElementType)t.DataType, t.Dims.ToArray()));
        }
        else if (node.Find("sparse_value")?.SparseTensor is { } sparse)
        {
            ctx.SetOutput(0, InferredType.Of((TensorElementType)(sparse.Values?.DataType ?? 0), sparse.Dims.ToArray()));
        }
        else if (node.Find("value_float") is not null)
        {
            ctx.SetOutput(0, InferredType.Of(TensorElementType.Float));
        }
        else if (node.Find("value_floats") is { } floats)
        {
            ctx.SetOutput(0, InferredType.Of(TensorElementType.Float, floats.Floats.Count));
        }
        else if (node.Find("value_int") is not null)
        {
            ctx.SetOutput(0, InferredType.Of(TensorElementType.Int64));
        }
        else if (node.Find("value_ints") is { } ints)
        {
            ctx.SetOutput(0, InferredType.Of(TensorElementType.Int64, ints.Ints.Count));
        }
        else if (node.Find("value_string") is not null)
        {
            ctx.SetOutput(0, InferredType.Of(TensorElementType.String));
        }
        else if (node.Find("value_strings") is { } strings)
        {
            ctx.SetOutput(0, InferredType.Of(TensorElementType.String, strings.Strings.Count));
        }
    }

    private static void ConstantOfShape(NodeShapeContext ctx)
    {
        var type = (TensorElementType?)ctx.Node.Find("value")?.T?.DataType ?? TensorElementType.Float;
        var target = ctx.Folded(0)?.Elements;
        ShapeDim[]? shape = target?.ToArray();
        if (shape is null && ctx.Shape(0) is [{ IsKnown: true } rank])
        {
            shape = Enumerable.Repeat(ShapeDim.Unknown, (int)rank.Value!.Value).ToArray();
        }

        ctx.SetOutput(0, type, shape);
    }

    /// <summary>Returns the [start, end) range of dimensions Shape reports (opset 15 added start/end).</summary>
    public static (int Start, int End) ShapeRange(NodeShapeContext ctx, int rank)
    {
        long start = ctx.Node.GetInt("start", 0);
        long end = ctx.Node.GetInt("end", rank);
        start = Math.Clamp(start < 0 ? start + rank : start, 0, rank);
        end = Math.Clamp(end < 0 ? end + rank : end, 0, rank);
        return ((int)start, (int)Math.Max(start, end));
    }

    private static void Shape(NodeShapeContext ctx)
    {
        var x = ctx.Shape(0);
        ShapeDim[] shape = [x is null ? ShapeDim.Unknown : ShapeDim.Known(ShapeRange(ctx, x.Count).End - ShapeRange(ctx, x.Count).Start)];
        ctx.SetOutput(0, TensorElementType.Int64, shape);
    }

    private static void QuantizeLinear(NodeShapeContext ctx)
    {
        var outputType = (TensorElementType)ctx.Node.GetInt("output_dtype", 0);
        if (outputType == TensorElementType.Undefined)
        {
            outputType = ctx.HasInput(2) ? ctx.ElementType(2) : TensorElementType.UInt8;
        }

        ctx.SetOutput(0, outputType, ctx.Shape(0));
    }

    private static void DequantizeLinear(NodeShapeContext ctx)
    {
        var outputType = (TensorElementType)ctx.Node.GetInt("output_dtype", 0);
        ctx.SetOutput(0, outputType != TensorElementType.Undefined ? outputType : ctx.ElementType(1), ctx.Shape(0));
    }

    private static void DynamicQuantizeLinear(NodeShapeContext ctx)
    {
        ctx.SetOutput(0, TensorElementType.UInt8, ctx.Shape(0));
        ctx.SetOutput(1, TensorElementType.Float, []);
        ctx.SetOutput(2, TensorElementType.UInt8, []);
    }
}
