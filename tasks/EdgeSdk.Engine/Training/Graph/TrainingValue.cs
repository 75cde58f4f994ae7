// One value (edge) of an execution plan: its concrete shape, where its float data lives, its gradient
// buffer, and whether it is a constant folded at plan time, a parameter, a graph input or an activation.
using EdgeSdk.Tensors;

namespace EdgeSdk.Training.Graph;

/// <summary>What a plan value is.</summary>
internal enum ValueKind
{
    /// <summary>A graph input fed per step.</summary>
    Input,

    /// <summary>A float initializer (trainable or frozen parameter, or a buffer such as running statistics).</summary>
    Parameter,

    /// <summary>A value known at plan time (Constant nodes, non-float initializers, folded shape subgraphs).</summary>
    Constant,

    /// <summary>Computed by an operator every step.</summary>
    Activation,
}

/// <summary>A value in an execution plan.</summary>
internal sealed class TrainingValue
{
    /// <summary>Creates a value.</summary>
    public TrainingValue(string name, ValueKind kind)
    {
        Name = name;
        Kind = kind;
    }

    /// <summary>Gets the ONNX value name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the kind.</summary>
    public ValueKind Kind { get; set; }

    /// <summary>Gets or sets the concrete shape.</summary>
    public int[] Shape { get; set; } = [];

    /// <summary>Gets the element count.</summary>
    public int Length => ShapeMath.Count(Shape);

    /// <summary>Gets or sets the plan-time value of a constant (any element type).</summary>
    public Tensor? Constant { get; set; }

    /// <summary>Gets or sets the float storage (may be longer than <see cref="Length"/> when pooled).</summary>
    public float[] Data { get; set; } = [];

    /// <summary>Gets or sets the gradient storage, or null when no gradient flows here.</summary>
    public float[]? Grad { get; set; }

    /// <summary>Gets or sets whether a gradient must be computed for this value.</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>Gets or sets the value whose storage this one shares (Reshape, Flatten, Identity), or null.</summary>
    public TrainingValue? AliasOf { get; set; }

    /// <summary>Gets or sets the parameter backing this value, when it is one.</summary>
    public TrainingParameter? Parameter { get; set; }

    /// <summary>Gets the data span (exact length).</summary>
    public Span<float> Span => Data.AsSpan(0, Length);

    /// <summary>Gets the gradient span (exact length).</summary>
    public Span<float> GradSpan => Grad.AsSpan(0, Length);

    /// <summary>Gets whether the value is a plan-time constant.</summary>
    public bool IsConstant => Kind == ValueKind.Constant;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {Tensor.FormatShape(Shape.Select(d => (long)d))}";
}
