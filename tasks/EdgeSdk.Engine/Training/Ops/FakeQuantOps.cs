// QuantizeLinear / DequantizeLinear as fake quantization for quantization-aware training. The quantized
// value travels as a float holding an integer; QuantizeLinear rounds half to even and clamps to the zero
// point's integer range like ONNX Runtime. Gradients use the straight-through estimator: QuantizeLinear
// passes dy/scale where x/scale + zp lands inside the integer range (zero where it clips), and
// DequantizeLinear passes dy·scale, so the pair has gradient 1 inside the range and 0 outside.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>Shared per-tensor / per-axis scale and zero-point handling.</summary>
internal abstract class FakeQuantOpBase(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    /// <summary>Gets the number of elements before the quantization axis.</summary>
    protected int Outer { get; private set; }

    /// <summary>Gets the length of the quantization axis (1 for per-tensor).</summary>
    protected int Channels { get; private set; } = 1;

    /// <summary>Gets the number of elements after the quantization axis.</summary>
    protected int Inner { get; private set; }

    /// <summary>Gets the lowest integer of the range.</summary>
    protected float QMin { get; private set; }

    /// <summary>Gets the highest integer of the range.</summary>
    protected float QMax { get; private set; }

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index == 0;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        Out[0].Shape = x;
        var scaleCount = In[1].Length;
        if (scaleCount == 1)
        {
            Outer = 1;
            Channels = 1;
            Inner = ShapeMath.Count(x);
        }
        else
        {
            var axis = ShapeMath.Axis(Node.GetInt("axis", 1), x.Length);
            if (x[axis] != scaleCount)
            {
                throw Unsupported($"{scaleCount} scales do not match axis {axis} of {ShapeMath.Format(x)}.");
            }

            Outer = ShapeMath.Count(x, 0, axis);
            Channels = scaleCount;
            Inner = ShapeMath.Count(x, axis + 1, x.Length);
        }

        var zpType = In.Length > 2 && In[2] is not null ? In[2].Constant?.ElementType ?? TensorElementType.UInt8 : TensorElementType.UInt8;
        (QMin, QMax) = zpType switch
        {
            TensorElementType.Int8 => (-128f, 127f),
            TensorElementType.UInt8 => (0f, 255f),
            TensorElementType.Int16 => (-32768f, 32767f),
            TensorElementType.UInt16 => (0f, 65535f),
            TensorElementType.Int32 => (int.MinValue, int.MaxValue),
            _ => throw Unsupported($"zero point type {zpType} is not supported for fake quantization."),
        };
    }

    /// <summary>Gets the zero point of channel <paramref name="c"/>.</summary>
    protected float ZeroPoint(int c) => In.Length > 2 && In[2] is not null ? In[2].Span[In[2].Length == 1 ? 0 : c] : 0f;

    /// <summary>Gets the scale of channel <paramref name="c"/>.</summary>
    protected float Scale(int c) => In[1].Span[c];
}

/// <summary>QuantizeLinear as fake quantization (output: integer-valued floats).</summary>
internal sealed class QuantizeLinearOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : FakeQuantOpBase(node, inputs, outputs, options)
{
    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0]];

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        for (var o = 0; o < Outer; o++)
        {
            for (var c = 0; c < Channels; c++)
            {
                var s = Scale(c);
                var zp = ZeroPoint(c);
                var off = ((o * Channels) + c) * Inner;
                Kernels.FakeQuantKernels.Quantize(x.Slice(off, Inner), s, zp, QMin, QMax, y.Slice(off, Inner));
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var x = In[0].Span;
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var o = 0; o < Outer; o++)
        {
            for (var c = 0; c < Channels; c++)
            {
                var s = Scale(c);
                var zp = ZeroPoint(c);
                var lo = (QMin - zp) * s;
                var hi = (QMax - zp) * s;
                var off = ((o * Channels) + c) * Inner;
                Kernels.FakeQuantKernels.StraightThrough(x.Slice(off, Inner), lo, hi, 1f / s, dy.Slice(off, Inner), dx.Slice(off, Inner));
            }
        }
    }
}

/// <summary>DequantizeLinear: y = (q − zp)·scale; dq = dy·scale.</summary>
internal sealed class DequantizeLinearOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : FakeQuantOpBase(node, inputs, outputs, options)
{
    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var q = In[0].Span;
        var y = Out[0].Span;
        for (var o = 0; o < Outer; o++)
        {
            for (var c = 0; c < Channels; c++)
            {
                var s = Scale(c);
                var zp = ZeroPoint(c);
                var off = ((o * Channels) + c) * Inner;
                Kernels.VectorOps.ScaleShift(q.Slice(off, Inner), s, -zp * s, y.Slice(off, Inner));
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var dq = In[0].GradSpan;
        for (var o = 0; o < Outer; o++)
        {
            for (var c = 0; c < Channels; c++)
            {
                var s = Scale(c);
                var off = ((o * Channels) + c) * Inner;
                var d = dq.Slice(off, Inner);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(dy.Slice(off, Inner), s, d, d);
            }
        }
    }
}
