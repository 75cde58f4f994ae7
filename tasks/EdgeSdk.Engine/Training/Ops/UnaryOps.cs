// Elementwise activations with their derivatives: Relu, Clip (ReLU6 and friends), Erf (GELU), Sigmoid,
// Tanh. Each saves exactly what its derivative needs (Relu its output, the others their input).
using System.Numerics.Tensors;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>Relu: y = max(x, 0); dy/dx = [y &gt; 0].</summary>
internal sealed class ReluOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [Out[0]];

    /// <inheritdoc/>
    public override void InferShapes() => Out[0].Shape = In[0].Shape;

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward() => TensorPrimitives.Max(In[0].Span, 0f, Out[0].Span);

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        Kernels.VectorOps.MaskedAccumulate(Out[0].Span, 0f, float.PositiveInfinity, Out[0].GradSpan, In[0].GradSpan);
    }
}

/// <summary>Clip: y = min(max(x, lo), hi); the gradient passes where lo &lt; x &lt; hi (as PyTorch's hardtanh).</summary>
internal sealed class ClipOp : TrainingOp
{
    private float _lo = float.NegativeInfinity;
    private float _hi = float.PositiveInfinity;

    /// <summary>Creates the op.</summary>
    public ClipOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [Out[0]];

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index == 0;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        Out[0].Shape = In[0].Shape;
        if (Node.Find("min") is not null || Node.Find("max") is not null)
        {
            _lo = Node.GetFloat("min", float.NegativeInfinity);
            _hi = Node.GetFloat("max", float.PositiveInfinity);
        }
        else
        {
            _lo = ConstantScalar(1, float.NegativeInfinity);
            _hi = ConstantScalar(2, float.PositiveInfinity);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        TensorPrimitives.Max(In[0].Span, _lo, Out[0].Span);
        TensorPrimitives.Min(Out[0].Span, _hi, Out[0].Span);
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        // lo < y < hi exactly when lo < x < hi, so the output (which the next layer keeps anyway) suffices.
        Kernels.VectorOps.MaskedAccumulate(Out[0].Span, _lo, _hi, Out[0].GradSpan, In[0].GradSpan);
    }
}

/// <summary>Erf, with d/dx erf(x) = 2/√π·e^(−x²).</summary>
internal sealed class ErfOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    private const float TwoOverSqrtPi = 1.1283791670955126f;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0]];

    /// <inheritdoc/>
    public override void InferShapes() => Out[0].Shape = In[0].Shape;

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = Erf(x[i]);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var x = In[0].Span;
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * TwoOverSqrtPi * MathF.Exp(-x[i] * x[i]);
        }
    }

    /// <summary>erf(x) by Abramowitz &amp; Stegun 7.1.26 in double (absolute error below 1.5e-7).</summary>
    public static float Erf(float x)
    {
        double v = Math.Abs(x);
        var t = 1.0 / (1.0 + (0.3275911 * v));
        var poly = t * (0.254829592 + (t * (-0.284496736 + (t * (1.421413741 + (t * (-1.453152027 + (t * 1.061405429))))))));
        var r = 1.0 - (poly * Math.Exp(-v * v));
        return (float)(x < 0 ? -r : r);
    }
}

/// <summary>Sigmoid, with dy/dx = y(1 − y).</summary>
internal sealed class SigmoidOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [Out[0]];

    /// <inheritdoc/>
    public override void InferShapes() => Out[0].Shape = In[0].Shape;

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward() => TensorPrimitives.Sigmoid(In[0].Span, Out[0].Span);

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var y = Out[0].Span;
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * y[i] * (1 - y[i]);
        }
    }
}

/// <summary>Tanh, with dy/dx = 1 − y².</summary>
internal sealed class TanhOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [Out[0]];

    /// <inheritdoc/>
    public override void InferShapes() => Out[0].Shape = In[0].Shape;

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward() => TensorPrimitives.Tanh(In[0].Span, Out[0].Span);

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var y = Out[0].Span;
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] += dy[i] * (1 - (y[i] * y[i]));
        }
    }
}
