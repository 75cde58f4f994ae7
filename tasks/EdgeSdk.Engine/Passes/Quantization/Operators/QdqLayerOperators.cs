// The QDQ handling of the three layer operators: Conv (always quantized output, per-output-channel weight
// on axis 0), Gemm (no transA, beta 1 with a bias, 2-D weight; channel axis from transB) and MatMul (2-D
// constant weight per column, or two activations). Each owns its weight-layout check and its constant plan.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>The base of Conv, Gemm and MatMul handling.</summary>
internal abstract class QdqLayerOperator : QdqOperator
{
    /// <inheritdoc/>
    public override QdqRole Role => QdqRole.Compute;

    /// <inheritdoc/>
    public override bool IsLayer => true;

    /// <inheritdoc/>
    public override bool AlwaysQuantizesOutput => false;
}

/// <summary>Conv: QLinearConv.</summary>
internal sealed class QdqConvOperator : QdqLayerOperator
{
    /// <inheritdoc/>
    public override bool AlwaysQuantizesOutput => true;

    /// <inheritdoc/>
    public override bool IsQuantizable(ModelGraph graph, NodeProto node) =>
        node.Input.Count >= 2 && graph.GetInitializer(node.Input[1]) is { } w && w.Dims.Count >= 3;

    /// <inheritdoc/>
    public override PlannedConstant PlanConstant(ModelGraph graph, NodeProto node, int index, QdqPlacementOptions options) => index switch
    {
        1 => new(node.Name, index, node.Input[index], ConstantKind.Weight, options.PerChannel ? 0 : -1),
        2 => new(node.Name, index, node.Input[index], ConstantKind.Bias, 0, node.Input[0], node.Input[1]),
        _ => base.PlanConstant(graph, node, index, options),
    };
}

/// <summary>Gemm: QGemm.</summary>
internal sealed class QdqGemmOperator : QdqLayerOperator
{
    /// <inheritdoc/>
    public override bool IsQuantizable(ModelGraph graph, NodeProto node)
    {
        if (node.GetInt("transA", 0) != 0)
        {
            return false;
        }

        if (node.Input.Count > 2 && node.Input[2].Length > 0 && Math.Abs(node.GetFloat("beta", 1f) - 1f) > 1e-6f)
        {
            return false;
        }

        return node.Input.Count >= 2 && graph.GetInitializer(node.Input[1]) is { Dims.Count: 2 };
    }

    /// <inheritdoc/>
    public override PlannedConstant PlanConstant(ModelGraph graph, NodeProto node, int index, QdqPlacementOptions options) => index switch
    {
        1 => new(node.Name, index, node.Input[index], ConstantKind.Weight, options.PerChannel ? (node.GetInt("transB", 0) != 0 ? 0 : 1) : -1),
        2 when graph.GetInitializer(node.Input[index])!.Dims.Count == 1 => new(node.Name, index, node.Input[index], ConstantKind.Bias, 0, node.Input[0], node.Input[1]),
        _ => base.PlanConstant(graph, node, index, options),
    };
}

/// <summary>MatMul: QLinearMatMul / MatMulIntegerToFloat.</summary>
internal sealed class QdqMatMulOperator : QdqLayerOperator
{
    /// <inheritdoc/>
    public override bool IsQuantizable(ModelGraph graph, NodeProto node) => graph.GetInitializer(node.Input[1]) is null or { Dims.Count: 2 };

    /// <inheritdoc/>
    public override PlannedConstant PlanConstant(ModelGraph graph, NodeProto node, int index, QdqPlacementOptions options) =>
        index == 1 && graph.GetInitializer(node.Input[index])!.Dims.Count == 2
            ? new(node.Name, index, node.Input[index], ConstantKind.Weight, options.PerChannel ? 1 : -1)
            : base.PlanConstant(graph, node, index, options);
}
