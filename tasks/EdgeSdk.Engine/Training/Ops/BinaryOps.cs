// Add, Sub, Mul and Div with NumPy broadcasting. Same-shape and scalar operands take vectorized
// TensorPrimitives paths; other broadcasts iterate over rows of the output with a unit or zero inner stride.
// Gradients are reduced back over broadcast dimensions to each input's shape.
using System.Numerics.Tensors;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>The four arithmetic operators.</summary>
internal enum BinaryKind
{
    /// <summary>a + b.</summary>
    Add,

    /// <summary>a − b.</summary>
    Sub,

    /// <summary>a · b.</summary>
    Mul,

    /// <summary>a / b.</summary>
    Div,
}

/// <summary>A broadcasting arithmetic operator.</summary>
internal sealed class BinaryOp : TrainingOp
{
    private readonly BinaryKind _kind;
    private int[] _strideA = [];
    private int[] _strideB = [];

    /// <summary>Creates the op.</summary>
    public BinaryOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options, BinaryKind kind)
        : base(node, inputs, outputs, options) => _kind = kind;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => _kind switch
    {
        BinaryKind.Mul => [In[0], In[1]],
        BinaryKind.Div => [In[1], Out[0]],
        _ => [],
    };

    /// <inheritdoc/>
    public override void InferShapes()
    {
        Out[0].Shape = ShapeMath.Broadcast(In[0].Shape, In[1].Shape, Node.Name);
        _strideA = ShapeMath.BroadcastStrides(In[0].Shape, Out[0].Shape);
        _strideB = ShapeMath.BroadcastStrides(In[1].Shape, Out[0].Shape);
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var a = In[0].Span;
        var b = In[1].Span;
        var y = Out[0].Span;
        if (a.Length == y.Length && b.Length == y.Length)
        {
            Same(a, b, y);
            return;
        }

        if (b.Length == 1 && a.Length == y.Length)
        {
            ScalarRight(a, b[0], y);
            return;
        }

        if (a.Length == 1 && b.Length == y.Length)
        {
            ScalarLeft(a[0], b, y);
            return;
        }

        var rank = y.Length == 0 ? 0 : Out[0].Shape.Length;
        var inner = rank == 0 ? 1 : Out[0].Shape[rank - 1];
        var sa = rank == 0 ? 0 : _strideA[rank - 1];
        var sb = rank == 0 ? 0 : _strideB[rank - 1];
        var rows = inner == 0 ? 0 : y.Length / inner;
        for (var r = 0; r < rows; r++)
        {
            RowOffsets(r, out var oa, out var ob);
            var yr = y.Slice(r * inner, inner);
            if (sa == 1 && sb == 1)
            {
                Same(a.Slice(oa, inner), b.Slice(ob, inner), yr);
            }
            else if (sa == 1)
            {
                ScalarRight(a.Slice(oa, inner), b[ob], yr);
            }
            else if (sb == 1)
            {
                ScalarLeft(a[oa], b.Slice(ob, inner), yr);
            }
            else
            {
                yr.Fill(Apply(a[oa], b[ob]));
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var needA = NeedsGrad(0);
        var needB = NeedsGrad(1);
        if (_kind is BinaryKind.Add or BinaryKind.Sub && AdditiveFastPath(dy, needA, needB))
        {
            return;
        }

        var rank = Out[0].Shape.Length;
        var inner = rank == 0 ? 1 : Out[0].Shape[rank - 1];
        var sa = rank == 0 ? 0 : _strideA[rank - 1];
        var sb = rank == 0 ? 0 : _strideB[rank - 1];
        var rows = inner == 0 ? 0 : dy.Length / inner;
        var a = _kind == BinaryKind.Mul ? In[0].Span : default;
        var b = _kind is BinaryKind.Mul or BinaryKind.Div ? In[1].Span : default;
        var y = _kind == BinaryKind.Div ? Out[0].Span : default;
        var da = needA ? In[0].GradSpan : default;
        var db = needB ? In[1].GradSpan : default;
        for (var r = 0; r < rows; r++)
        {
            RowOffsets(r, out var oa, out var ob);
            var o = r * inner;
            for (var j = 0; j < inner; j++)
            {
                var g = dy[o + j];
                var ia = oa + (j * sa);
                var ib = ob + (j * sb);
                switch (_kind)
                {
                    case BinaryKind.Add:
                        if (needA)
                        {
                            da[ia] += g;
                        }

                        if (needB)
                        {
                            db[ib] += g;
                        }

                        break;
                    case BinaryKind.Sub:
                        if (needA)
                        {
                            da[ia] += g;
                        }

                        if (needB)
                        {
                            db[ib] -= g;
                        }

                        break;
                    case BinaryKind.Mul:
                        if (needA)
                        {
                            da[ia] += g * b[ib];
                        }

                        if (needB)
                        {
                            db[ib] += g * a[ia];
                        }

                        break;
                    default:
                        if (needA)
                        {
                            da[ia] += g / b[ib];
                        }

                        if (needB)
                        {
                            db[ib] -= g * y[o + j] / b[ib];
                        }

                        break;
                }
            }
        }
    }

    // Add/Sub gradients for the common layouts: an operand of the output's shape receives ±dy, and a
    // trailing-dimension bias receives the column sums of ±dy.
    private bool AdditiveFastPath(Span<float> dy, bool needA, bool needB)
    {
        var n = dy.Length;
        var aFull = In[0].Length == n;
        var bFull = In[1].Length == n;
        var inner = Out[0].Shape.Length == 0 ? 1 : Out[0].Shape[^1];
        var aRow = !aFull && In[0].Length == inner && _strideA[^1] == 1;
        var bRow = !bFull && In[1].Length == inner && _strideB[^1] == 1;
        if (!((aFull || aRow) && (bFull || bRow)))
        {
            return false;
        }

        Accumulate(needA, aFull, In[0], dy, inner, 1f);
        Accumulate(needB, bFull, In[1], dy, inner, _kind == BinaryKind.Sub ? -1f : 1f);
        return true;
    }

    private static void Accumulate(bool need, bool full, TrainingValue target, ReadOnlySpan<float> dy, int inner, float sign)
    {
        if (!need)
        {
            return;
        }

        var d = target.GradSpan;
        if (full)
        {
            if (sign > 0)
            {
                TensorPrimitives.Add(d, dy, d);
            }
            else
            {
                TensorPrimitives.Subtract(d, dy, d);
            }

            return;
        }

        for (var r = 0; r < dy.Length / inner; r++)
        {
            var row = dy.Slice(r * inner, inner);
            if (sign > 0)
            {
                TensorPrimitives.Add(d, row, d);
            }
            else
            {
                TensorPrimitives.Subtract(d, row, d);
            }
        }
    }

    private void RowOffsets(int row, out int oa, out int ob)
    {
        oa = 0;
        ob = 0;
        var shape = Out[0].Shape;
        for (var d = shape.Length - 2; d >= 0; d--)
        {
            var idx = row % shape[d];
            row /= shape[d];
            oa += idx * _strideA[d];
            ob += idx * _strideB[d];
        }
    }

    private float Apply(float a, float b) => _kind switch
    {
        BinaryKind.Add => a + b,
        BinaryKind.Sub => a - b,
        BinaryKind.Mul => a * b,
        _ => a / b,
    };

    private void Same(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y)
    {
        switch (_kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(a, b, y); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(a, b, y); break;
            default: TensorPrimitives.Divide(a, b, y); break;
        }
    }

    private void ScalarRight(ReadOnlySpan<float> a, float b, Span<float> y)
    {
        switch (_kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(a, b, y); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(a, b, y); break;
            default: TensorPrimitives.Divide(a, b, y); break;
        }
    }

    private void ScalarLeft(float a, ReadOnlySpan<float> b, Span<float> y)
    {
        switch (_kind)
        {
            case BinaryKind.Add: TensorPrimitives.Add(b, a, y); break;
            case BinaryKind.Sub: TensorPrimitives.Subtract(a, b, y); break;
            case BinaryKind.Mul: TensorPrimitives.Multiply(b, a, y); break;
            default: TensorPrimitives.Divide(a, b, y); break;
        }
    }
}
