// How static (QDQ) quantization treats one operator type, in the manner of ONNX Runtime's QDQ operator
// registry: whether the node computes on integers, only moves data (its output shares its input's
// parameters), or is an activation that can be absorbed into its producer's range; whether it is a layer
// (Conv/Gemm/MatMul: first/last-layer selection, weights); whether its layout and operands suit ORT's
// integer kernels; and how each of its constant inputs is quantized. The placement planner looks handlers
// up by op type in QdqOperatorRegistry.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>What part an operator plays in QDQ placement.</summary>
internal enum QdqRole
{
    /// <summary>Runs on integers once its inputs and output are quantized (Conv, Add, Concat, AveragePool …).</summary>
    Compute,
    /// <summary>Only moves data: its output reuses its input's quantization parameters (Reshape, Transpose, MaxPool …).</summary>
    DataMovement,
    /// <summary>An activation the producer's output range can absorb (Relu, Clip from 0).</summary>
    AbsorbableActivation,
}

/// <summary>The QDQ handling of one operator type.</summary>
internal abstract class QdqOperator
{
    /// <summary>Gets the operator's role.</summary>
    public abstract QdqRole Role { get; }

    /// <summary>Gets whether the operator is a layer with a weight (Conv, Gemm, MatMul).</summary>
    public virtual bool IsLayer => false;

    /// <summary>Returns whether ONNX Runtime's integer kernels take this node's layout (layers: weight shape and attributes).</summary>
    public virtual bool IsQuantizable(ModelGraph graph, NodeProto node) => true;

    /// <summary>Returns why this node must stay float although the selection chose it (layout, operand types), or null.</summary>
    public virtual string? RejectReason(ModelGraph graph, NodeProto node)
    {
        if (IsLayer && !IsQuantizable(graph, node))
        {
            return "weight layout not supported by integer kernels";
        }

        return node.Input.Any(i => i.Length > 0 && graph.GetInitializer(i) is { } init && init.DataType != (int)TensorElementType.Float) ? "non-float operand" : null;
    }

    /// <summary>Returns whether the node's output gets a Q/DQ pair even when no quantized node reads it.</summary>
    public virtual bool AlwaysQuantizesOutput => true;

    /// <summary>Returns how the constant input <paramref name="index"/> is quantized.</summary>
    public virtual PlannedConstant PlanConstant(ModelGraph graph, NodeProto node, int index, QdqPlacementOptions options) =>
        new(node.Name, index, node.Input[index], ConstantKind.Operand, -1);
}
