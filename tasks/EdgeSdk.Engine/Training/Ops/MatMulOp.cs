// MatMul with NumPy semantics: batched over leading dimensions with broadcasting. A 2-D right operand
// (the usual Linear layer) folds the batch into one large SGEMM; otherwise each batch is its own SGEMM.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Kernels;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX MatMul.</summary>
internal sealed class MatMulOp : TrainingOp
{
    private int _m;
    private int _n;
    private int _k;
    private int _batches;
    private int[] _batchShape = [];
    private int[] _strideA = [];
    private int[] _strideB = [];
    private bool _foldBatch;

    /// <summary>Creates the op.</summary>
    public MatMulOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0], In[1]];

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var a = In[0].Shape;
        var b = In[1].Shape;
        if (a.Length < 2 || b.Length < 2)
        {
            throw Unsupported($"1-D MatMul operands are not supported for training (shapes {ShapeMath.Format(a)}, {ShapeMath.Format(b)}); reshape to 2-D.");
        }

        _m = a[^2];
        _k = a[^1];
        _n = b[^1];
        if (b[^2] != _k)
        {
            throw Unsupported($"inner dimensions differ: {ShapeMath.Format(a)} × {ShapeMath.Format(b)}.");
        }

        var batchA = a[..^2];
        var batchB = b[..^2];
        _batchShape = ShapeMath.Broadcast(batchA, batchB, Node.Name);
        _batches = ShapeMath.Count(_batchShape);
        _strideA = ShapeMath.BroadcastStrides(batchA, _batchShape);
        _strideB = ShapeMath.BroadcastStrides(batchB, _batchShape);
        _foldBatch = batchB.Length == 0 || ShapeMath.Count(batchB) == 1;
        Out[0].Shape = [.. _batchShape, _m, _n];
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var a = In[0].Span;
        var b = In[1].Span;
        var y = Out[0].Span;
        if (_foldBatch && ShapeMath.Count(In[0].Shape) == _batches * _m * _k)
        {
            Sgemm.Multiply(false, false, _batches * _m, _n, _k, 1f, a, _k, b, _n, y, _n, accumulate: false);
            return;
        }

        for (var t = 0; t < _batches; t++)
        {
            Offsets(t, out var oa, out var ob);
            Sgemm.Multiply(false, false, _m, _n, _k, 1f, a[(oa * _m * _k)..], _k, b[(ob * _k * _n)..], _n, y[(t * _m * _n)..], _n, accumulate: false);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var a = In[0].Span;
        var b = In[1].Span;
        var dy = Out[0].GradSpan;
        var fold = _foldBatch && ShapeMath.Count(In[0].Shape) == _batches * _m * _k;
        if (fold)
        {
            var rows = _batches * _m;
            if (NeedsGrad(0))
            {
                Sgemm.Multiply(false, true, rows, _k, _n, 1f, dy, _n, b, _n, In[0].GradSpan, _k, accumulate: true);
            }

            if (NeedsGrad(1))
            {
                Sgemm.Multiply(true, false, _k, _n, rows, 1f, a, _k, dy, _n, In[1].GradSpan, _n, accumulate: true);
            }

            return;
        }

        for (var t = 0; t < _batches; t++)
        {
            Offsets(t, out var oa, out var ob);
            var dyt = dy[(t * _m * _n)..];
            if (NeedsGrad(0))
            {
                Sgemm.Multiply(false, true, _m, _k, _n, 1f, dyt, _n, b[(ob * _k * _n)..], _n, In[0].GradSpan[(oa * _m * _k)..], _k, accumulate: true);
            }

            if (NeedsGrad(1))
            {
                Sgemm.Multiply(true, false, _k, _n, _m, 1f, a[(oa * _m * _k)..], _k, dyt, _n, In[1].GradSpan[(ob * _k * _n)..], _n, accumulate: true);
            }
        }
    }

    private void Offsets(int t, out int oa, out int ob)
    {
        oa = 0;
        ob = 0;
        for (var d = _batchShape.Length - 1; d >= 0; d--)
        {
            var idx = t % _batchShape[d];
            t /= _batchShape[d];
            oa += idx * _strideA[d];
            ob += idx * _strideB[d];
        }
    }
}
