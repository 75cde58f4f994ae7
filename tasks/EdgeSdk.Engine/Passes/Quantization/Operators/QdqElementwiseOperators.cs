// The QDQ handling of non-layer compute operators: Add and Mul (QLinearAdd/QLinearMul), Concat
// (QLinearConcat), and unary operators ORT runs on integers (AveragePool, GlobalAveragePool, LeakyRelu,
// Sigmoid, Softmax). Add, Mul and Concat of shape arithmetic (Shape, Gather, Unsqueeze, Cast results) are
// integer already and stay as they are.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>A compute operator that is not a layer.</summary>
internal class QdqComputeOperator : QdqOperator
{
    /// <inheritdoc/>
    public override QdqRole Role => QdqRole.Compute;
}

/// <summary>Add, Mul and Concat: quantized unless they combine shape arithmetic.</summary>
internal sealed class QdqCombiningOperator : QdqComputeOperator
{
    /// <inheritdoc/>
    public override string? RejectReason(ModelGraph graph, NodeProto node) =>
        base.RejectReason(graph, node)
        ?? (node.Input.Any(i => i.Length > 0 && graph.Producer(i) is { OpType: "Shape" or "Gather" or "Unsqueeze" or "Cast" }) ? "non-float operand" : null);
}

/// <summary>Operators that only move data (their output reuses the input's quantization parameters).</summary>
internal sealed class QdqDataMovementOperator : QdqOperator
{
    /// <inheritdoc/>
    public override QdqRole Role => QdqRole.DataMovement;
}

/// <summary>Relu, and Clip whose minimum is 0: absorbed into the producer's output range when asymmetric.</summary>
internal sealed class QdqAbsorbableActivation : QdqOperator
{
    /// <inheritdoc/>
    public override QdqRole Role => QdqRole.AbsorbableActivation;

    /// <summary>Returns whether the activation's output range starts at 0 (Relu, or Clip with a constant minimum of 0).</summary>
    public static bool StartsAtZero(ModelGraph graph, NodeProto node)
    {
        if (node.OpType == "Relu")
        {
            return true;
        }

        // Clip(min, max): absorbable when min is a constant 0 (the quantized range then starts at 0 and saturates at the observed max ≤ max).
        if (node.Input.Count < 2 || node.Input[1].Length == 0)
        {
            return node.GetFloat("min", float.MinValue) == 0f;
        }

        return graph.GetInitializer(node.Input[1]) is { } min && TensorProtoConverter.ToFloatArray(min) is [0f];
    }
}
