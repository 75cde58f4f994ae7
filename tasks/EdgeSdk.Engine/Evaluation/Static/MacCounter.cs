// Counts the multiply-accumulates of the operators that dominate inference cost (convolutions and matrix
// products, float and quantized), from the shapes of a node's inputs and outputs. Other operators count 0
// MACs: their cost is memory traffic, which the roofline estimate accounts for separately.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Evaluation;

/// <summary>MAC counts per operator.</summary>
internal static class MacCounter
{
    /// <summary>Returns the node's MACs and whether the shapes needed were known.</summary>
    /// <param name="node">The node.</param>
    /// <param name="shapeOf">Looks up a value's shape (null when unknown).</param>
    public static (long Macs, bool Known) Count(NodeProto node, Func<string, ValueShape?> shapeOf)
    {
        ValueShape? Input(int i) => i < node.Input.Count && node.Input[i].Length > 0 ? shapeOf(node.Input[i]) : null;
        var output = node.Output.Count > 0 ? shapeOf(node.Output[0]) : null;
        return node.OpType switch
        {
            // Each output element is a dot product over the weight's trailing dims (C/group x kernel).
            "Conv" or "ConvInteger" => PerOutputElement(output, Input(1), skip: 1),
            "QLinearConv" => PerOutputElement(output, Input(3), skip: 1),

            // Each input element is scattered over the weight's trailing dims (M/group x kernel).
            "ConvTranspose" => PerOutputElement(Input(0), Input(1), skip: 1),

            // Each output element is a dot product of length K, the last dim of A (first when transposed).
            "Gemm" => output is null || Input(0) is not { } a ? (0, false) : (output.Elements * (node.Attribute.Any(x => x.Name == "transA" && x.I != 0) ? a.Dims[0] : a.Dims[^1]), true),
            "MatMul" or "MatMulInteger" or "FusedMatMul" => output is null || Input(0) is not { } x ? (0, false) : (output.Elements * x.Dims[^1], true),
            "QLinearMatMul" => output is null || Input(0) is not { } q ? (0, false) : (output.Elements * q.Dims[^1], true),
            _ => (0, true),
        };
    }

    /// <summary>Returns whether the operator has a MAC kernel.</summary>
    public static bool IsMacOperator(string opType) =>
        opType is "Conv" or "ConvInteger" or "QLinearConv" or "ConvTranspose" or "Gemm" or "MatMul" or "MatMulInteger" or "FusedMatMul" or "QLinearMatMul";

    private static (long, bool) PerOutputElement(ValueShape? elements, ValueShape? weight, int skip)
    {
        if (elements is null || weight is null)
        {
            return (0, false);
        }

        long perElement = 1;
        for (var i = skip; i < weight.Dims.Length; i++)
        {
            perElement *= weight.Dims[i];
        }

        return (elements.Elements * perElement, true);
    }
}
