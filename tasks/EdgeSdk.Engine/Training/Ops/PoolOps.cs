// MaxPool (remembering the arg-max of every window for the backward pass) and GlobalAveragePool.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Kernels;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX MaxPool (2-D).</summary>
internal sealed class MaxPoolOp : TrainingOp
{
    private ConvGeometry _g = null!;
    private int _planes;
    private int[] _argMax = [];

    /// <summary>Creates the op.</summary>
    public MaxPoolOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
    }

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        var k = Node.GetInts("kernel_shape");
        if (x.Length != 4 || k is null || k.Length != 2)
        {
            throw Unsupported($"only 2-D max pooling on 4-D inputs is supported, got {ShapeMath.Format(x)}.");
        }

        if (Out.Length > 1 && Out[1] is not null)
        {
            throw Unsupported("the Indices output is not supported for training.");
        }

        _g = ConvGeometry.FromNode(Node, (int)k[0], (int)k[1], x[2], x[3], Node.GetInt("ceil_mode", 0) != 0);
        _planes = x[0] * x[1];
        Out[0].Shape = [x[0], x[1], _g.OutH, _g.OutW];
        _argMax = new int[Out[0].Length];
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        var inPlane = _g.InH * _g.InW;
        var outPlane = _g.OutH * _g.OutW;
        if (IsPlain2x2)
        {
            Forward2x2(x, y, inPlane, outPlane);
            return;
        }

        for (var p = 0; p < _planes; p++)
        {
            var xs = x.Slice(p * inPlane, inPlane);
            for (var oh = 0; oh < _g.OutH; oh++)
            {
                for (var ow = 0; ow < _g.OutW; ow++)
                {
                    var best = float.NegativeInfinity;
                    var bestIdx = -1;
                    for (var kh = 0; kh < _g.KernelH; kh++)
                    {
                        var ih = (oh * _g.StrideH) - _g.PadTop + (kh * _g.DilationH);
                        if ((uint)ih >= (uint)_g.InH)
                        {
                            continue;
                        }

                        for (var kw = 0; kw < _g.KernelW; kw++)
                        {
                            var iw = (ow * _g.StrideW) - _g.PadLeft + (kw * _g.DilationW);
                            if ((uint)iw >= (uint)_g.InW)
                            {
                                continue;
                            }

                            var v = xs[(ih * _g.InW) + iw];
                            if (v > best || bestIdx < 0)
                            {
                                best = v;
                                bestIdx = (ih * _g.InW) + iw;
                            }
                        }
                    }

                    var o = (p * outPlane) + (oh * _g.OutW) + ow;
                    y[o] = best;
                    _argMax[o] = bestIdx < 0 ? -1 : (p * inPlane) + bestIdx;
                }
            }
        }
    }

    private bool IsPlain2x2 => _g is { KernelH: 2, KernelW: 2, StrideH: 2, StrideW: 2, DilationH: 1, DilationW: 1, PadTop: 0, PadLeft: 0 } && _g.OutH * 2 <= _g.InH && _g.OutW * 2 <= _g.InW;

    // The common 2×2/stride-2 window without padding: no bounds checks per tap. Ties keep the first index, like the general path.
    private void Forward2x2(ReadOnlySpan<float> x, Span<float> y, int inPlane, int outPlane)
    {
        var w = _g.InW;
        for (var p = 0; p < _planes; p++)
        {
            var xs = x.Slice(p * inPlane, inPlane);
            for (var oh = 0; oh < _g.OutH; oh++)
            {
                var r0 = 2 * oh * w;
                for (var ow = 0; ow < _g.OutW; ow++)
                {
                    var i = r0 + (2 * ow);
                    var best = i;
                    if (xs[i + 1] > xs[best])
                    {
                        best = i + 1;
                    }

                    if (xs[i + w] > xs[best])
                    {
                        best = i + w;
                    }

                    if (xs[i + w + 1] > xs[best])
                    {
                        best = i + w + 1;
                    }

                    var o = (p * outPlane) + (oh * _g.OutW) + ow;
                    y[o] = xs[best];
                    _argMax[o] = (p * inPlane) + best;
                }
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var o = 0; o < dy.Length; o++)
        {
            var i = _argMax[o];
            if (i >= 0)
            {
                dx[i] += dy[o];
            }
        }
    }
}

/// <summary>ONNX GlobalAveragePool.</summary>
internal sealed class GlobalAveragePoolOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    private int _planes;
    private int _plane;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        if (x.Length < 3)
        {
            throw Unsupported($"input {ShapeMath.Format(x)} needs spatial dimensions.");
        }

        _planes = x[0] * x[1];
        _plane = ShapeMath.Count(x, 2, x.Length);
        Out[0].Shape = x.Select((d, i) => i < 2 ? d : 1).ToArray();
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        for (var p = 0; p < _planes; p++)
        {
            y[p] = System.Numerics.Tensors.TensorPrimitives.Sum(x.Slice(p * _plane, _plane)) / _plane;
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var p = 0; p < _planes; p++)
        {
            var d = dx.Slice(p * _plane, _plane);
            System.Numerics.Tensors.TensorPrimitives.Add(d, dy[p] / _plane, d);
        }
    }
}
