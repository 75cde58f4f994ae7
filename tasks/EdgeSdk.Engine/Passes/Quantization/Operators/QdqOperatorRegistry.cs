// The registry of QDQ operator handling keyed by op type (default ONNX domain only), as ONNX Runtime's
// quantization tool keys its QDQ registry: adding an operator to static quantization means adding one
// entry here (with a handler class when it needs more than the defaults).
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>QDQ handlers by op type.</summary>
internal static class QdqOperatorRegistry
{
    private static readonly QdqOperator Compute = new QdqComputeOperator();
    private static readonly QdqOperator Combining = new QdqCombiningOperator();
    private static readonly QdqOperator DataMovement = new QdqDataMovementOperator();
    private static readonly QdqOperator Absorbable = new QdqAbsorbableActivation();

    /// <summary>Gets every handler by op type.</summary>
    public static IReadOnlyDictionary<string, QdqOperator> All { get; } = new Dictionary<string, QdqOperator>(StringComparer.Ordinal)
    {
        ["Conv"] = new QdqConvOperator(),
        ["Gemm"] = new QdqGemmOperator(),
        ["MatMul"] = new QdqMatMulOperator(),
        ["Add"] = Combining,
        ["Mul"] = Combining,
        ["Concat"] = Combining,
        ["AveragePool"] = Compute,
        ["GlobalAveragePool"] = Compute,
        ["LeakyRelu"] = Compute,
        ["Sigmoid"] = Compute,
        ["Softmax"] = Compute,
        ["Reshape"] = DataMovement,
        ["Flatten"] = DataMovement,
        ["Transpose"] = DataMovement,
        ["Squeeze"] = DataMovement,
        ["Unsqueeze"] = DataMovement,
        ["MaxPool"] = DataMovement,
        ["Gather"] = DataMovement,
        ["Slice"] = DataMovement,
        ["Expand"] = DataMovement,
        ["Tile"] = DataMovement,
        ["GatherElements"] = DataMovement,
        ["Relu"] = Absorbable,
        ["Clip"] = Absorbable,
    };

    /// <summary>Returns the handler of <paramref name="node"/>, or null when static quantization leaves it float (unknown op or non-default domain).</summary>
    public static QdqOperator? Find(NodeProto node) =>
        !string.IsNullOrEmpty(node.Domain) && node.Domain != "ai.onnx" ? null : All.GetValueOrDefault(node.OpType);

    /// <summary>Returns whether an op type only moves data, so its output reuses its input's quantization parameters.</summary>
    public static bool IsDataMovement(string opType) => All.GetValueOrDefault(opType) is { Role: QdqRole.DataMovement };
}
