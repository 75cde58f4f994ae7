// Conv (2-D, NCHW) with groups, pads, strides and dilations. Three execution shapes: pointwise 1×1 convs are
// one SGEMM per image; depthwise convs (one filter per channel) use direct plane kernels; everything else
// unfolds each image with im2col and runs one SGEMM per group. The backward pass re-unfolds the saved input
// instead of keeping the columns, so only the input activation is held for the backward pass.
using System.Numerics.Tensors;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Kernels;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX Conv.</summary>
internal sealed class ConvOp : TrainingOp
{
    private ConvGeometry _g = null!;
    private int _batch;
    private int _cin;
    private int _cout;
    private int _groups;
    private bool _depthwise;

    /// <summary>Creates the op.</summary>
    public ConvOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
    }

    private bool HasBias => In.Length > 2 && In[2] is not null;

    private int ColRows => _cin / _groups * _g.KernelH * _g.KernelW;

    private int OutPlane => _g.OutH * _g.OutW;

    /// <inheritdoc/>
    public override int ScratchSize => _depthwise || _g.IsPointwise && _groups == 1 ? 0 : 2 * ColRows * OutPlane;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0], In[1]];

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        var w = In[1].Shape;
        if (x.Length != 4 || w.Length != 4)
        {
            throw Unsupported($"only 2-D convolutions (4-D input and weight) are supported for training, got input {ShapeMath.Format(x)} and weight {ShapeMath.Format(w)}.");
        }

        _batch = x[0];
        _cin = x[1];
        _cout = w[0];
        _groups = (int)Onnx.NodeAttributes.GetInt(Node, "group", 1);
        if (_cin % _groups != 0 || _cout % _groups != 0 || w[1] != _cin / _groups)
        {
            throw Unsupported($"weight {ShapeMath.Format(w)} does not match {_cin} input channels in {_groups} groups.");
        }

        _g = ConvGeometry.FromNode(Node, w[2], w[3], x[2], x[3]);
        _depthwise = _groups == _cin && _cout == _cin;
        Out[0].Shape = [_batch, _cout, _g.OutH, _g.OutW];
    }

    /// <inheritdoc/>
    public override void Forward()
    {
        var x = In[0].Span;
        var w = In[1].Span;
        var y = Out[0].Span;
        var bias = HasBias ? In[2].Span : default;
        var inPlane = _g.InH * _g.InW;
        var outPlane = OutPlane;
        if (_depthwise)
        {
            var k = _g.KernelH * _g.KernelW;
            for (var n = 0; n < _batch; n++)
            {
                for (var c = 0; c < _cin; c++)
                {
                    var plane = (n * _cin) + c;
                    DepthwiseConv.Forward(x.Slice(plane * inPlane, inPlane), w.Slice(c * k, k), HasBias ? bias[c] : 0f, _g, y.Slice(plane * outPlane, outPlane));
                }
            }

            return;
        }

        var cinG = _cin / _groups;
        var coutG = _cout / _groups;
        var rows = ColRows;
        var col = Scratch.AsSpan(0, Math.Max(0, ScratchSize / 2));
        for (var n = 0; n < _batch; n++)
        {
            var xn = x.Slice(n * _cin * inPlane, _cin * inPlane);
            var yn = y.Slice(n * _cout * outPlane, _cout * outPlane);
            if (HasBias)
            {
                for (var m = 0; m < _cout; m++)
                {
                    yn.Slice(m * outPlane, outPlane).Fill(bias[m]);
                }
            }

            for (var grp = 0; grp < _groups; grp++)
            {
                var src = xn.Slice(grp * cinG * inPlane, cinG * inPlane);
                ReadOnlySpan<float> b = src;
                if (!(_g.IsPointwise && _groups == 1))
                {
                    Im2Col.Unfold(src, cinG, _g, col);
                    b = col;
                }

                Sgemm.Multiply(false, false, coutG, outPlane, rows, 1f, w.Slice(grp * coutG * rows, coutG * rows), rows, b, outPlane, yn.Slice(grp * coutG * outPlane, coutG * outPlane), outPlane, accumulate: HasBias);
            }
        }
    }

    /// <inheritdoc/>
    public override void Backward()
    {
        var x = In[0].Span;
        var w = In[1].Span;
        var dy = Out[0].GradSpan;
        var needDx = NeedsGrad(0);
        var needDw = NeedsGrad(1);
        var inPlane = _g.InH * _g.InW;
        var outPlane = OutPlane;
        if (HasBias && NeedsGrad(2))
        {
            var db = In[2].GradSpan;
            for (var n = 0; n < _batch; n++)
            {
                for (var m = 0; m < _cout; m++)
                {
                    db[m] += TensorPrimitives.Sum(dy.Slice(((n * _cout) + m) * outPlane, outPlane));
                }
            }
        }

        if (!needDx && !needDw)
        {
            return;
        }

        var dx = needDx ? In[0].GradSpan : default;
        var dw = needDw ? In[1].GradSpan : default;
        if (_depthwise)
        {
            var k = _g.KernelH * _g.KernelW;
            for (var n = 0; n < _batch; n++)
            {
                for (var c = 0; c < _cin; c++)
                {
                    var plane = (n * _cin) + c;
                    DepthwiseConv.Backward(x.Slice(plane * inPlane, inPlane), w.Slice(c * k, k), dy.Slice(plane * outPlane, outPlane), _g, needDx ? dx.Slice(plane * inPlane, inPlane) : default, needDw ? dw.Slice(c * k, k) : default, needDx, needDw);
                }
            }

            return;
        }

        var cinG = _cin / _groups;
        var coutG = _cout / _groups;
        var rows = ColRows;
        var pointwise = _g.IsPointwise && _groups == 1;
        var half = ScratchSize / 2;
        var col = Scratch.AsSpan(0, half);
        var dcol = Scratch.AsSpan(half, half);
        for (var n = 0; n < _batch; n++)
        {
            var xn = x.Slice(n * _cin * inPlane, _cin * inPlane);
            var dyn = dy.Slice(n * _cout * outPlane, _cout * outPlane);
            for (var grp = 0; grp < _groups; grp++)
            {
                var src = xn.Slice(grp * cinG * inPlane, cinG * inPlane);
                var dyg = dyn.Slice(grp * coutG * outPlane, coutG * outPlane);
                var wg = w.Slice(grp * coutG * rows, coutG * rows);
                if (needDw)
                {
                    ReadOnlySpan<float> b = src;
                    if (!pointwise)
                    {
                        Im2Col.Unfold(src, cinG, _g, col);
                        b = col;
                    }

                    // dW[coutG, rows] += dY[coutG, P] · colᵀ[P, rows]
                    Sgemm.Multiply(false, true, coutG, rows, outPlane, 1f, dyg, outPlane, b, outPlane, dw.Slice(grp * coutG * rows, coutG * rows), rows, accumulate: true);
                }

                if (needDx)
                {
                    var dxg = dx.Slice(((n * _cin) + (grp * cinG)) * inPlane, cinG * inPlane);
                    if (pointwise)
                    {
                        // dX[cin, P] += Wᵀ[cin, cout] · dY[cout, P]
                        Sgemm.Multiply(true, false, rows, outPlane, coutG, 1f, wg, rows, dyg, outPlane, dxg, outPlane, accumulate: true);
                    }
                    else
                    {
                        Sgemm.Multiply(true, false, rows, outPlane, coutG, 1f, wg, rows, dyg, outPlane, dcol, outPlane, accumulate: false);
                        Im2Col.FoldAdd(dcol, cinG, _g, dxg);
                    }
                }
            }
        }
    }
}
