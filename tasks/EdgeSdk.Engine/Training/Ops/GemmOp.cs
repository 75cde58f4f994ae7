// Gemm: Y = alpha·op(A)·op(B) + beta·C, with its three gradients expressed as SGEMM calls on the stored
// (possibly transposed) layouts so that no transposed copy is ever made.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Kernels;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX Gemm.</summary>
internal sealed class GemmOp : TrainingOp
{
    private readonly bool _transA;
    private readonly bool _transB;
    private readonly float _alpha;
    private readonly float _beta;
    private int _m;
    private int _n;
    private int _k;
    private int[] _cStrides = [];

    /// <summary>Creates the op.</summary>
    public GemmOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
        _transA = node.GetInt("transA", 0) != 0;
        _transB = node.GetInt("transB", 0) != 0;
        _alpha = node.GetFloat("alpha", 1f);
        _beta = node.GetFloat("beta", 1f);
    }

    private bool HasC => In.Length > 2 && In[2] is not null;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0], In[1]];

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var a = In[0].Shape;
        var b = In[1].Shape;
        if (a.Length != 2 || b.Length != 2)
        {
            throw Unsupported($"Gemm needs 2-D A and B, got {ShapeMath.Format(a)} and {ShapeMath.Format(b)}.");
        }

        _m = _transA ? a[1] : a[0];
        _k = _transA ? a[0] : a[1];
        _n = _transB ? b[0] : b[1];
        var kb = _transB ? b[1] : b[0];
        if (kb != _k)
        {
            throw Unsupported($"inner dimensions differ: A {ShapeMath.Format(a)}, B {ShapeMath.Format(b)} (transA={_transA}, transB={_transB}).");
        }

        Out[0].Shape = [_m, _n];
        if (HasC)
        {
            ShapeMath.Broadcast(In[2].Shape, Out[0].Shape, Node.Name);
            _cStrides = ShapeMath.BroadcastStrides(In[2].Shape, Out[0].Shape);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var y = Out[0].Span;
        if (HasC && _beta != 0)
        {
            var c = In[2].Span;
            for (var i = 0; i < _m; i++)
            {
                var row = y.Slice(i * _n, _n);
                if (_cStrides[1] == 1)
                {
                    c.Slice(i * _cStrides[0], _n).CopyTo(row);
                }
                else
                {
                    row.Fill(c[i * _cStrides[0]]);
                }
            }

            if (_beta != 1)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(y, _beta, y);
            }
        }

        Sgemm.Multiply(_transA, _transB, _m, _n, _k, _alpha, In[0].Span, In[0].Shape[1], In[1].Span, In[1].Shape[1], y, _n, accumulate: HasC && _beta != 0);
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var a = In[0].Span;
        var b = In[1].Span;
        var lda = In[0].Shape[1];
        var ldb = In[1].Shape[1];
        if (NeedsGrad(0))
        {
            var da = In[0].GradSpan;
            if (!_transA)
            {
                // dA[M,K] += alpha · dY[M,N] · op(B)ᵀ[N,K]
                Sgemm.Multiply(false, !_transB, _m, _k, _n, _alpha, dy, _n, b, ldb, da, _k, accumulate: true);
            }
            else
            {
                // dA[K,M] += alpha · op(B)[K,N] · dYᵀ[N,M]
                Sgemm.Multiply(_transB, true, _k, _m, _n, _alpha, b, ldb, dy, _n, da, _m, accumulate: true);
            }
        }

        if (NeedsGrad(1))
        {
            var db = In[1].GradSpan;
            if (!_transB)
            {
                // dB[K,N] += alpha · op(A)ᵀ[K,M] · dY[M,N]
                Sgemm.Multiply(!_transA, false, _k, _n, _m, _alpha, a, lda, dy, _n, db, _n, accumulate: true);
            }
            else
            {
                // dB[N,K] += alpha · dYᵀ[N,M] · op(A)[M,K]
                Sgemm.Multiply(true, _transA, _n, _k, _m, _alpha, dy, _n, a, lda, db, _k, accumulate: true);
            }
        }

        if (HasC && NeedsGrad(2))
        {
            var dc = In[2].GradSpan;
            for (var i = 0; i < _m; i++)
            {
                var row = dy.Slice(i * _n, _n);
                var o = i * _cStrides[0];
                if (_cStrides[1] == 1)
                {
                    var target = dc.Slice(o, _n);
                    if (_beta == 1)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(target, row, target);
                    }
                    else
                    {
                        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(row, _beta, target, target);
                    }
                }
                else
                {
                    dc[o] += _beta * System.Numerics.Tensors.TensorPrimitives.Sum(row);
                }
            }
        }
    }
}
