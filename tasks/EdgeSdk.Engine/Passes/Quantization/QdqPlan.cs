// The outcome of QDQ placement: which nodes run quantized, which activations get a
// QuantizeLinear/DequantizeLinear pair and whose range defines their parameters, which weights and
// biases are stored as integers, which Relu/Clip nodes disappear into their producer's range, and
// which nodes stay float and why. The planner produces it; the QDQ writer and the qat pass consume it.
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>An activation tensor that gets a Q/DQ pair.</summary>
/// <param name="Name">Tensor name in the quantized graph (after Relu/Clip removal it is the activation's output name).</param>
/// <param name="RangeSource">Tensor of the float model whose calibrated range defines the parameters.</param>
/// <param name="SharesWith">Tensor whose parameters this one reuses (Reshape/Transpose/MaxPool … outputs), or null.</param>
internal sealed record PlannedActivation(string Name, string RangeSource, string? SharesWith);

/// <summary>A constant input stored as integers.</summary>
/// <param name="Node">Node reading the constant.</param>
/// <param name="InputIndex">Input slot.</param>
/// <param name="Initializer">Initializer name.</param>
/// <param name="Kind">Weight, bias or constant operand.</param>
/// <param name="Axis">Channel axis for per-channel parameters, or -1 for per-tensor.</param>
/// <param name="ActivationInput">For a bias: the activation input whose scale multiplies the weight's.</param>
/// <param name="WeightInput">For a bias: the weight initializer whose scales multiply the activation's.</param>
internal sealed record PlannedConstant(string Node, int InputIndex, string Initializer, ConstantKind Kind, int Axis, string? ActivationInput = null, string? WeightInput = null);

/// <summary>The role of a quantized constant.</summary>
internal enum ConstantKind
{
    /// <summary>A Conv/Gemm/MatMul weight (symmetric int8, per channel or per tensor).</summary>
    Weight,
    /// <summary>A Conv/Gemm bias (int32, scale = input scale × weight scale).</summary>
    Bias,
    /// <summary>A constant operand of Add/Mul/Concat (activation type, own range).</summary>
    Operand,
}

/// <summary>A Relu or Clip removed because the producer's quantized range already clamps.</summary>
/// <param name="Node">The removed node's name.</param>
/// <param name="Producer">The node whose output now carries the activation's name.</param>
/// <param name="Input">The removed node's input tensor (the producer's original output).</param>
/// <param name="Output">The removed node's output tensor (now written by the producer).</param>
internal sealed record AbsorbedActivation(string Node, string Producer, string Input, string Output);

/// <summary>A node that stays in float, with the reason.</summary>
/// <param name="Node">Node name.</param>
/// <param name="OpType">Operator type.</param>
/// <param name="Reason">Why it stays float.</param>
internal sealed record FloatNode(string Node, string OpType, string Reason);

/// <summary>Where Q/DQ pairs go and what stays float.</summary>
internal sealed class QdqPlan
{
    /// <summary>Gets the activation integer type.</summary>
    public required TensorElementType ActivationType { get; init; }

    /// <summary>Gets whether activations are symmetric.</summary>
    public required bool ActivationSymmetric { get; init; }

    /// <summary>Gets the names of nodes that run quantized (their inputs come from DequantizeLinear).</summary>
    public required IReadOnlyList<string> QuantizedNodes { get; init; }

    /// <summary>Gets the weighted layers (Conv/Gemm/MatMul) that run quantized, in topological order.</summary>
    public required IReadOnlyList<string> QuantizedLayers { get; init; }

    /// <summary>Gets the activation tensors to quantize, in topological order.</summary>
    public required IReadOnlyList<PlannedActivation> Activations { get; init; }

    /// <summary>Gets the constants stored as integers.</summary>
    public required IReadOnlyList<PlannedConstant> Constants { get; init; }

    /// <summary>Gets the Relu/Clip nodes absorbed into their producers.</summary>
    public required IReadOnlyList<AbsorbedActivation> Absorbed { get; init; }

    /// <summary>Gets the nodes that stay float and why (only nodes a quantizer could have handled, plus excluded ones).</summary>
    public required IReadOnlyList<FloatNode> FloatNodes { get; init; }

    /// <summary>Gets the float-model tensors whose ranges calibration must observe (distinct, ordered).</summary>
    public IReadOnlyList<string> CalibrationTensors => Activations.Where(a => a.SharesWith is null).Select(a => a.RangeSource).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Returns the tensor whose parameters <paramref name="activation"/> uses (following shared parameters to the root).</summary>
    public PlannedActivation Root(PlannedActivation activation)
    {
        var byName = Activations.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var current = activation;
        while (current.SharesWith is { } next && byName.TryGetValue(next, out var parent))
        {
            current = parent;
        }

        return current;
    }
}
