// Operators that move data without arithmetic: the pure reshapes (Reshape, Flatten, Squeeze, Unsqueeze,
// Identity, Dropout at inference) share their input's storage; Transpose, Split, Concat and Gather copy,
// and their gradients scatter back.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>A view with a new shape over the same elements (no copy forward; dx += dy backward).</summary>
internal sealed class ReshapeLikeOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    /// <inheritdoc/>
    public override bool OutputAliasesInput => true;

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index == 0;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        Out[0].Shape = Node.OpType switch
        {
            "Reshape" => ReshapeTarget(x),
            "Flatten" => Flatten(x),
            "Squeeze" => Squeeze(x),
            "Unsqueeze" => Unsqueeze(x),
            _ => x,
        };
        if (ShapeMath.Count(Out[0].Shape) != ShapeMath.Count(x))
        {
            throw Unsupported($"cannot view {ShapeMath.Format(x)} as {ShapeMath.Format(Out[0].Shape)}.");
        }

        for (var i = 1; i < Out.Length; i++)
        {
            if (Out[i] is not null)
            {
                throw Unsupported($"output {i} ('{Out[i].Name}') is not supported for training.");
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        // Storage is shared with the input (OutputAliasesInput).
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dx = In[0].GradSpan;
        System.Numerics.Tensors.TensorPrimitives.Add(dx, Out[0].GradSpan, dx);
    }

    private int[] ReshapeTarget(int[] x)
    {
        var target = ConstantInts(1, "shape");
        var allowZero = Node.GetInt("allowzero", 0) != 0;
        var result = new int[target.Length];
        var unknown = -1;
        var known = 1;
        for (var i = 0; i < target.Length; i++)
        {
            var d = target[i];
            if (d == 0 && !allowZero)
            {
                d = x[i];
            }

            if (d == -1)
            {
                unknown = i;
                continue;
            }

            result[i] = (int)d;
            known *= (int)d;
        }

        if (unknown >= 0)
        {
            result[unknown] = known == 0 ? 0 : ShapeMath.Count(x) / known;
        }

        return result;
    }

    private int[] Flatten(int[] x)
    {
        var axis = ShapeMath.Axis(Node.GetInt("axis", 1), x.Length);
        return [ShapeMath.Count(x, 0, axis), ShapeMath.Count(x, axis, x.Length)];
    }

    private long[] Axes()
    {
        var attr = Node.GetInts("axes");
        if (attr is not null)
        {
            return attr;
        }

        return In.Length > 1 && In[1] is not null ? ConstantInts(1, "axes") : [];
    }

    private int[] Squeeze(int[] x)
    {
        var axes = Axes().Select(a => ShapeMath.Axis(a, x.Length)).ToHashSet();
        return x.Where((d, i) => axes.Count == 0 ? d != 1 : !axes.Contains(i)).ToArray();
    }

    private int[] Unsqueeze(int[] x)
    {
        var axes = Axes();
        var rank = x.Length + axes.Length;
        var set = axes.Select(a => ShapeMath.Axis(a, rank)).ToHashSet();
        var result = new int[rank];
        var j = 0;
        for (var i = 0; i < rank; i++)
        {
            result[i] = set.Contains(i) ? 1 : x[j++];
        }

        return result;
    }
}

/// <summary>ONNX Transpose.</summary>
internal sealed class TransposeOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    private int[] _perm = [];
    private int[] _inStridesByOutDim = [];
    private int[] _map = [];

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        _perm = Node.GetInts("perm")?.Select(p => (int)p).ToArray() ?? Enumerable.Range(0, x.Length).Reverse().ToArray();
        var inStrides = new int[x.Length];
        var s = 1;
        for (var i = x.Length - 1; i >= 0; i--)
        {
            inStrides[i] = s;
            s *= x[i];
        }

        Out[0].Shape = _perm.Select(p => x[p]).ToArray();
        _inStridesByOutDim = _perm.Select(p => inStrides[p]).ToArray();
        BuildMap();
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        var map = _map;
        for (var o = 0; o < map.Length; o++)
        {
            y[o] = x[map[o]];
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        var map = _map;
        for (var o = 0; o < map.Length; o++)
        {
            dx[map[o]] += dy[o];
        }
    }

    private void BuildMap()
    {
        var shape = Out[0].Shape;
        var rank = shape.Length;
        var total = ShapeMath.Count(shape);
        _map = new int[total];
        if (rank == 0)
        {
            return;
        }

        var idx = new int[rank];
        var inner = shape[rank - 1];
        var innerStride = _inStridesByOutDim[rank - 1];
        var i0 = 0;
        for (var o = 0; o < total; o += inner)
        {
            for (var j = 0; j < inner; j++)
            {
                _map[o + j] = i0 + (j * innerStride);
            }

            for (var d = rank - 2; d >= 0; d--)
            {
                idx[d]++;
                i0 += _inStridesByOutDim[d];
                if (idx[d] < shape[d])
                {
                    break;
                }

                i0 -= _inStridesByOutDim[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}

/// <summary>ONNX Split.</summary>
internal sealed class SplitOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    private int _outer;
    private int _inner;
    private int _axisLen;
    private int[] _sizes = [];

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index == 0;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        var axis = ShapeMath.Axis(Node.GetInt("axis", 0), x.Length);
        var sizes = Node.GetInts("split") ?? (In.Length > 1 && In[1] is not null ? ConstantInts(1, "split") : null);
        _axisLen = x[axis];
        _sizes = sizes?.Select(s => (int)s).ToArray() ?? Enumerable.Repeat(_axisLen / Out.Length, Out.Length).ToArray();
        if (_sizes.Sum() != _axisLen || _sizes.Length != Out.Length)
        {
            throw Unsupported($"split sizes [{string.Join(",", _sizes)}] do not cover axis {axis} of {ShapeMath.Format(x)} in {Out.Length} outputs.");
        }

        _outer = ShapeMath.Count(x, 0, axis);
        _inner = ShapeMath.Count(x, axis + 1, x.Length);
        for (var i = 0; i < Out.Length; i++)
        {
            var shape = (int[])x.Clone();
            shape[axis] = _sizes[i];
            Out[i].Shape = shape;
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var start = 0;
        for (var i = 0; i < Out.Length; i++)
        {
            var y = Out[i].Span;
            var chunk = _sizes[i] * _inner;
            for (var o = 0; o < _outer; o++)
            {
                x.Slice((o * _axisLen * _inner) + start, chunk).CopyTo(y.Slice(o * chunk, chunk));
            }

            start += chunk;
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dx = In[0].GradSpan;
        var start = 0;
        for (var i = 0; i < Out.Length; i++)
        {
            var chunk = _sizes[i] * _inner;
            if (Out[i].Grad is not null)
            {
                var dy = Out[i].GradSpan;
                for (var o = 0; o < _outer; o++)
                {
                    var d = dx.Slice((o * _axisLen * _inner) + start, chunk);
                    System.Numerics.Tensors.TensorPrimitives.Add(d, dy.Slice(o * chunk, chunk), d);
                }
            }

            start += chunk;
        }
    }
}

/// <summary>ONNX Concat.</summary>
internal sealed class ConcatOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    private int _outer;
    private int _inner;
    private int _axisLen;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x0 = In[0].Shape;
        var axis = ShapeMath.Axis(Node.GetInt("axis", 0), x0.Length);
        _axisLen = In.Sum(v => v.Shape[axis]);
        _outer = ShapeMath.Count(x0, 0, axis);
        _inner = ShapeMath.Count(x0, axis + 1, x0.Length);
        var shape = (int[])x0.Clone();
        shape[axis] = _axisLen;
        Out[0].Shape = shape;
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var y = Out[0].Span;
        var start = 0;
        foreach (var v in In)
        {
            var chunk = v.Length / Math.Max(1, _outer);
            var x = v.Span;
            for (var o = 0; o < _outer; o++)
            {
                x.Slice(o * chunk, chunk).CopyTo(y.Slice((o * _axisLen * _inner) + start, chunk));
            }

            start += chunk;
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var start = 0;
        foreach (var v in In)
        {
            var chunk = v.Length / Math.Max(1, _outer);
            if (v.RequiresGrad)
            {
                var dx = v.GradSpan;
                for (var o = 0; o < _outer; o++)
                {
                    var d = dx.Slice(o * chunk, chunk);
                    System.Numerics.Tensors.TensorPrimitives.Add(d, dy.Slice((o * _axisLen * _inner) + start, chunk), d);
                }
            }

            start += chunk;
        }
    }
}

/// <summary>ONNX Gather on float data with constant indices (embedding lookups); the gradient scatter-adds.</summary>
internal sealed class GatherOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options) : TrainingOp(node, inputs, outputs, options)
{
    private int _outer;
    private int _inner;
    private int _axisLen;
    private long[] _indices = [];

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index == 0;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        var axis = ShapeMath.Axis(Node.GetInt("axis", 0), x.Length);
        _indices = ConstantInts(1, "indices");
        _axisLen = x[axis];
        _indices = _indices.Select(i => i < 0 ? i + _axisLen : i).ToArray();
        if (_indices.Any(i => i < 0 || i >= _axisLen))
        {
            throw Unsupported($"an index is outside [0, {_axisLen}).");
        }

        _outer = ShapeMath.Count(x, 0, axis);
        _inner = ShapeMath.Count(x, axis + 1, x.Length);
        Out[0].Shape = [.. x[..axis], .. In[1].Shape, .. x[(axis + 1)..]];
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        var n = _indices.Length;
        for (var o = 0; o < _outer; o++)
        {
            for (var j = 0; j < n; j++)
            {
                x.Slice(((o * _axisLen) + (int)_indices[j]) * _inner, _inner).CopyTo(y.Slice(((o * n) + j) * _inner, _inner));
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        var n = _indices.Length;
        for (var o = 0; o < _outer; o++)
        {
            for (var j = 0; j < n; j++)
            {
                var d = dx.Slice(((o * _axisLen) + (int)_indices[j]) * _inner, _inner);
                System.Numerics.Tensors.TensorPrimitives.Add(d, dy.Slice(((o * n) + j) * _inner, _inner), d);
            }
        }
    }
}
