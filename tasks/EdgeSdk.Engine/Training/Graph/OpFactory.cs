// Maps ONNX operator types to training operators. An operator the engine cannot differentiate is a
// located error naming the operator and node, listing what is supported.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Ops;

namespace EdgeSdk.Training.Graph;

/// <summary>Creates <see cref="TrainingOp"/>s for nodes.</summary>
internal static class OpFactory
{
    private static readonly Dictionary<string, Func<NodeProto, TrainingValue[], TrainingValue[], OpOptions, TrainingOp>> Factories = new(StringComparer.Ordinal)
    {
        ["Gemm"] = (n, i, o, p) => new GemmOp(n, i, o, p),
        ["MatMul"] = (n, i, o, p) => new MatMulOp(n, i, o, p),
        ["Conv"] = (n, i, o, p) => new ConvOp(n, i, o, p),
        ["BatchNormalization"] = (n, i, o, p) => new BatchNormOp(n, i, o, p),
        ["LayerNormalization"] = (n, i, o, p) => new LayerNormOp(n, i, o, p),
        ["Relu"] = (n, i, o, p) => new ReluOp(n, i, o, p),
        ["Clip"] = (n, i, o, p) => new ClipOp(n, i, o, p),
        ["Erf"] = (n, i, o, p) => new ErfOp(n, i, o, p),
        ["Sigmoid"] = (n, i, o, p) => new SigmoidOp(n, i, o, p),
        ["Tanh"] = (n, i, o, p) => new TanhOp(n, i, o, p),
        ["Add"] = (n, i, o, p) => new BinaryOp(n, i, o, p, BinaryKind.Add),
        ["Sub"] = (n, i, o, p) => new BinaryOp(n, i, o, p, BinaryKind.Sub),
        ["Mul"] = (n, i, o, p) => new BinaryOp(n, i, o, p, BinaryKind.Mul),
        ["Div"] = (n, i, o, p) => new BinaryOp(n, i, o, p, BinaryKind.Div),
        ["Softmax"] = (n, i, o, p) => new SoftmaxOp(n, i, o, p),
        ["ReduceMean"] = (n, i, o, p) => new ReduceMeanOp(n, i, o, p),
        ["MaxPool"] = (n, i, o, p) => new MaxPoolOp(n, i, o, p),
        ["GlobalAveragePool"] = (n, i, o, p) => new GlobalAveragePoolOp(n, i, o, p),
        ["Reshape"] = (n, i, o, p) => new ReshapeLikeOp(n, i, o, p),
        ["Flatten"] = (n, i, o, p) => new ReshapeLikeOp(n, i, o, p),
        ["Squeeze"] = (n, i, o, p) => new ReshapeLikeOp(n, i, o, p),
        ["Unsqueeze"] = (n, i, o, p) => new ReshapeLikeOp(n, i, o, p),
        ["Identity"] = (n, i, o, p) => new ReshapeLikeOp(n, i, o, p),
        ["Dropout"] = (n, i, o, p) => new ReshapeLikeOp(n, i, o, p),
        ["Transpose"] = (n, i, o, p) => new TransposeOp(n, i, o, p),
        ["Split"] = (n, i, o, p) => new SplitOp(n, i, o, p),
        ["Concat"] = (n, i, o, p) => new ConcatOp(n, i, o, p),
        ["Gather"] = (n, i, o, p) => new GatherOp(n, i, o, p),
        ["QuantizeLinear"] = (n, i, o, p) => new QuantizeLinearOp(n, i, o, p),
        ["DequantizeLinear"] = (n, i, o, p) => new DequantizeLinearOp(n, i, o, p),
    };

    /// <summary>Gets the operator types the engine can train through.</summary>
    public static IReadOnlyCollection<string> Supported => Factories.Keys;

    /// <summary>Creates the operator for <paramref name="node"/> or throws EDGE2701.</summary>
    public static TrainingOp Create(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
    {
        if ((node.Domain is "" or "ai.onnx") && Factories.TryGetValue(node.OpType, out var factory))
        {
            return factory(node, inputs, outputs, options);
        }

        var op = string.IsNullOrEmpty(node.Domain) ? node.OpType : $"{node.Domain}.{node.OpType}";
        throw new EdgeException(DiagnosticCatalog.Training.UnsupportedOperator, $"Operator '{op}' (node '{node.Name}') has no gradient in the EdgeSdk training engine, so the model cannot be trained. Supported operators: {string.Join(", ", Factories.Keys.Order(StringComparer.Ordinal))}. Remove the training pass or replace the operator before it.");
    }
}
