// Conv (2-D, NCHW) with groups, pads, strides and dilations. Three execution shapes: pointwise 1×1 convs are
// one SGEMM per image; depthwise convs (one filter per channel) use direct plane kernels; everything else
// unfolds each image with im2col and runs one SGEMM per group. When the weight gradient is needed, the forward
// pass unfolds into a plan-pooled buffer that lives until this op's backward step, so the backward pass reuses
// the columns instead of re-unfolding the input (and the input activation need not be held).
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

    /// <summary>Gets which kernel runs this convolution: depthwise, pointwise or im2col.</summary>
    public string Variant => _depthwise ? "depthwise" : _g.IsPointwise && _groups == 1 ? "pointwise" : "im2col";

    private int ColRows => _cin / _groups * _g.KernelH * _g.KernelW;

    private int OutPlane => _g.OutH * _g.OutW;

    /// <inheritdoc/>
    public override int ScratchSize => _depthwise ? (DepthwisePlanes.Applies(_g) ? DepthwisePlanes.ScratchFloats(_g) : 0) : Direct ? 0 : (2 * ColRows * Columns) + (_cout / _groups * Columns);

    // Images unfolded side by side into one SGEMM: enough that the GEMM is wide (≥ ChunkColumns columns), bounded by scratch.
    internal static int ChunkColumns { get; set; } = 512;

    private int Chunk => Math.Clamp((ChunkColumns + OutPlane - 1) / OutPlane, 1, Math.Max(1, Math.Min(_batch, (1 << 21) / Math.Max(1, ColRows * OutPlane))));

    private int Columns => Chunk * OutPlane;

    // A pointwise convolution over a large plane multiplies each image's channels directly (no unfolding).
    private bool Direct => _g.IsPointwise && _groups == 1 && Chunk == 1;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => KeepsColumns ? [In[1]] : [In[0], In[1]];

    // The im2col path keeps its forward columns for the weight-gradient SGEMM (one block per chunk and group).
    private bool KeepsColumns => !_depthwise && !Direct && NeedsBackward && NeedsGrad(1);

    private int ChunkCount => (_batch + Chunk - 1) / Chunk;

    /// <inheritdoc/>
    public override int SavedBufferSize => KeepsColumns ? ChunkCount * _groups * ColRows * Columns : 0;

    // Whether the plan gave this op its saved-columns buffer (a gradient plan that needs the weight gradient).
    private bool HasSavedColumns => SavedBufferSize > 0 && SavedBuffer.Length >= SavedBufferSize;

    // The columns of one chunk and group: in the saved buffer when it is planned, otherwise in scratch.
    private Span<float> ColumnBlock(int chunkIndex, int grp)
    {
        var size = ColRows * Columns;
        return HasSavedColumns
            ? SavedBuffer.AsSpan(((chunkIndex * _groups) + grp) * size, size)
            : Scratch.AsSpan(0, size);
    }

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
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
            var fast = DepthwisePlanes.Applies(_g);
            var k = _g.KernelH * _g.KernelW;
            for (var n = 0; n < _batch; n++)
            {
                for (var c = 0; c < _cin; c++)
                {
                    var plane = (n * _cin) + c;
                    if (fast)
                    {
                        DepthwisePlanes.Forward(x.Slice(plane * inPlane, inPlane), w.Slice(c * k, k), HasBias ? bias[c] : 0f, _g, y.Slice(plane * outPlane, outPlane), Scratch);
                    }
                    else
                    {
                        DepthwiseConv.Forward(x.Slice(plane * inPlane, inPlane), w.Slice(c * k, k), HasBias ? bias[c] : 0f, _g, y.Slice(plane * outPlane, outPlane));
                    }
                }
            }

            return;
        }

        var cinG = _cin / _groups;
        var coutG = _cout / _groups;
        var rows = ColRows;
        if (Direct)
        {
            for (var n = 0; n < _batch; n++)
            {
                var yn = y.Slice(n * _cout * outPlane, _cout * outPlane);
                FillBias(yn, bias);
                Sgemm.Multiply(false, false, _cout, outPlane, rows, 1f, w, rows, x.Slice(n * _cin * inPlane, _cin * inPlane), outPlane, yn, outPlane, accumulate: HasBias);
            }

            return;
        }

        var chunk = Chunk;
        var ld = Columns;
        var ybuf = Scratch.AsSpan(2 * rows * ld, coutG * ld);
        for (var n0 = 0; n0 < _batch; n0 += chunk)
        {
            var count = Math.Min(chunk, _batch - n0);
            var cols = count * outPlane;
            for (var grp = 0; grp < _groups; grp++)
            {
                var col = ColumnBlock(n0 / chunk, grp);
                for (var i = 0; i < count; i++)
                {
                    var src = x.Slice((((n0 + i) * _cin) + (grp * cinG)) * inPlane, cinG * inPlane);
                    Im2Col.Unfold(src, cinG, _g, col[(i * outPlane)..], ld);
                }

                Sgemm.Multiply(false, false, coutG, cols, rows, 1f, w.Slice(grp * coutG * rows, coutG * rows), rows, col, ld, ybuf, ld, accumulate: false);
                for (var i = 0; i < count; i++)
                {
                    for (var m = 0; m < coutG; m++)
                    {
                        var oc = (grp * coutG) + m;
                        var dst = y.Slice((((n0 + i) * _cout) + oc) * outPlane, outPlane);
                        var srcRow = ybuf.Slice((m * ld) + (i * outPlane), outPlane);
                        if (HasBias)
                        {
                            TensorPrimitives.Add(srcRow, bias[oc], dst);
                        }
                        else
                        {
                            srcRow.CopyTo(dst);
                        }
                    }
                }
            }
        }
    }

    private void FillBias(Span<float> yn, ReadOnlySpan<float> bias)
    {
        if (!HasBias)
        {
            return;
        }

        for (var m = 0; m < _cout; m++)
        {
            yn.Slice(m * OutPlane, OutPlane).Fill(bias[m]);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
            var fast = DepthwisePlanes.Applies(_g);
            var k = _g.KernelH * _g.KernelW;
            for (var n = 0; n < _batch; n++)
            {
                for (var c = 0; c < _cin; c++)
                {
                    var plane = (n * _cin) + c;
                    if (fast)
                    {
                        DepthwisePlanes.Backward(x.Slice(plane * inPlane, inPlane), w.Slice(c * k, k), dy.Slice(plane * outPlane, outPlane), _g, needDx ? dx.Slice(plane * inPlane, inPlane) : default, needDw ? dw.Slice(c * k, k) : default, needDx, needDw, Scratch);
                    }
                    else
                    {
                        DepthwiseConv.Backward(x.Slice(plane * inPlane, inPlane), w.Slice(c * k, k), dy.Slice(plane * outPlane, outPlane), _g, needDx ? dx.Slice(plane * inPlane, inPlane) : default, needDw ? dw.Slice(c * k, k) : default, needDx, needDw);
                    }
                }
            }

            return;
        }

        var cinG = _cin / _groups;
        var coutG = _cout / _groups;
        var rows = ColRows;
        if (Direct)
        {
            for (var n = 0; n < _batch; n++)
            {
                var xn = x.Slice(n * _cin * inPlane, _cin * inPlane);
                var dyn = dy.Slice(n * _cout * outPlane, _cout * outPlane);
                if (needDw)
                {
                    // dW[cout, cin] += dY[cout, P] · Xᵀ[P, cin]
                    Sgemm.Multiply(false, true, _cout, rows, outPlane, 1f, dyn, outPlane, xn, outPlane, dw, rows, accumulate: true);
                }

                if (needDx)
                {
                    // dX[cin, P] += Wᵀ[cin, cout] · dY[cout, P]
                    Sgemm.Multiply(true, false, rows, outPlane, _cout, 1f, w, rows, dyn, outPlane, dx.Slice(n * _cin * inPlane, _cin * inPlane), outPlane, accumulate: true);
                }
            }

            return;
        }

        var chunk = Chunk;
        var ld = Columns;
        var keep = HasSavedColumns;
        var dcol = Scratch.AsSpan(rows * ld, rows * ld);
        var dybuf = Scratch.AsSpan(2 * rows * ld, coutG * ld);
        for (var n0 = 0; n0 < _batch; n0 += chunk)
        {
            var count = Math.Min(chunk, _batch - n0);
            var cols = count * outPlane;
            for (var grp = 0; grp < _groups; grp++)
            {
                for (var i = 0; i < count; i++)
                {
                    for (var m = 0; m < coutG; m++)
                    {
                        dy.Slice((((n0 + i) * _cout) + (grp * coutG) + m) * outPlane, outPlane).CopyTo(dybuf.Slice((m * ld) + (i * outPlane), outPlane));
                    }
                }

                var wg = w.Slice(grp * coutG * rows, coutG * rows);
                if (needDw)
                {
                    var col = ColumnBlock(n0 / chunk, grp);
                    for (var i = 0; i < count && !keep; i++)
                    {
                        var src = x.Slice((((n0 + i) * _cin) + (grp * cinG)) * inPlane, cinG * inPlane);
                        Im2Col.Unfold(src, cinG, _g, col[(i * outPlane)..], ld);
                    }

                    // dW[coutG, rows] += dY[coutG, cols] · colᵀ[cols, rows]
                    Sgemm.Multiply(false, true, coutG, rows, cols, 1f, dybuf, ld, col, ld, dw.Slice(grp * coutG * rows, coutG * rows), rows, accumulate: true);
                }

                if (needDx)
                {
                    Sgemm.Multiply(true, false, rows, cols, coutG, 1f, wg, rows, dybuf, ld, dcol, ld, accumulate: false);
                    for (var i = 0; i < count; i++)
                    {
                        Im2Col.FoldAdd(dcol[(i * outPlane)..], cinG, _g, dx.Slice((((n0 + i) * _cin) + (grp * cinG)) * inPlane, cinG * inPlane), ld);
                    }
                }
            }
        }
    }
}
