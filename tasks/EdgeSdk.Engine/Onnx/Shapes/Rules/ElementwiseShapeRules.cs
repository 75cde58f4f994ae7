// Shape rules of elementwise operators: unary ones keep their input's type and shape, binary and
// variadic ones broadcast numpy-style, comparisons and logic produce bool.
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes.Rules;

/// <summary>Rules for unary, binary and variadic elementwise operators.</summary>
internal static class ElementwiseShapeRules
{
    private static readonly string[] Unary =
    [
        "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atanh", "BitwiseNot", "Ceil", "Celu", "Clip", "Cos", "Cosh", "Elu", "Erf", "Exp",
        "Floor", "Gelu", "HardSigmoid", "HardSwish", "Hardmax", "LeakyRelu", "Log", "LogSoftmax", "Mish", "Neg", "Not", "Reciprocal",
        "Relu", "Round", "Selu", "Shrink", "Sigmoid", "Sign", "Sin", "Sinh", "Softmax", "Softplus", "Softsign", "Sqrt", "Tan", "Tanh",
        "ThresholdedRelu", "Identity", "CumSum", "LRN", "Swish",
    ];

    private static readonly string[] Arithmetic = ["Add", "Sub", "Mul", "Div", "Pow", "Mod", "Max", "Min", "Sum", "Mean", "BitShift", "BitwiseAnd", "BitwiseOr", "BitwiseXor", "PRelu"];

    private static readonly string[] Comparison = ["Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "And", "Or", "Xor"];

    /// <summary>Adds the rules.</summary>
    public static void Register(Dictionary<string, ShapeRule> rules)
    {
        foreach (var op in Unary)
        {
            rules[op] = SameAsInput;
        }

        foreach (var op in Arithmetic)
        {
            rules[op] = ctx => ctx.SetOutput(0, ctx.ElementType(0), ShapeArithmetic.Broadcast(Enumerable.Range(0, ctx.InputCount).Where(ctx.HasInput).Select(ctx.Shape)));
        }

        foreach (var op in Comparison)
        {
            rules[op] = ctx => ctx.SetOutput(0, TensorElementType.Bool, ShapeArithmetic.Broadcast([ctx.Shape(0), ctx.Shape(1)]));
        }

        rules["IsNaN"] = ctx => ctx.SetOutput(0, TensorElementType.Bool, ctx.Shape(0));
        rules["IsInf"] = ctx => ctx.SetOutput(0, TensorElementType.Bool, ctx.Shape(0));
        rules["Where"] = ctx => ctx.SetOutput(0, ctx.ElementType(1), ShapeArithmetic.Broadcast([ctx.Shape(0), ctx.Shape(1), ctx.Shape(2)]));
        rules["Dropout"] = Dropout;
    }

    /// <summary>Output 0 has the type and shape of input 0.</summary>
    public static void SameAsInput(NodeShapeContext ctx) => ctx.SetOutput(0, ctx.Input(0));

    private static void Dropout(NodeShapeContext ctx)
    {
        ctx.SetOutput(0, ctx.Input(0));
        ctx.SetOutput(1, TensorElementType.Bool, ctx.Shape(0));
    }
}
