// ReduceMean over any set of axes (attribute, or input from opset 18), keepdims or not; the gradient
// spreads dy/count back over the reduced elements.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX ReduceMean.</summary>
internal sealed class ReduceMeanOp : TrainingOp
{
    private int[] _outStrides = [];
    private float _scale;
    private int[] _map = [];

    /// <summary>Creates the op.</summary>
    public ReduceMeanOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
    }

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index == 0;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        long[]? axes = Node.GetInts("axes");
        if (axes is null && In.Length > 1 && In[1] is not null)
        {
            axes = ConstantInts(1, "axes");
        }

        var keep = Node.GetInt("keepdims", 1) != 0;
        var reduced = new bool[x.Length];
        if (axes is null || axes.Length == 0)
        {
            if (Node.GetInt("noop_with_empty_axes", 0) != 0)
            {
                Array.Fill(reduced, false);
            }
            else
            {
                Array.Fill(reduced, true);
            }
        }
        else
        {
            foreach (var a in axes)
            {
                reduced[ShapeMath.Axis(a, x.Length)] = true;
            }
        }

        var outShape = new List<int>();
        var count = 1;
        for (var i = 0; i < x.Length; i++)
        {
            if (reduced[i])
            {
                count *= x[i];
                if (keep)
                {
                    outShape.Add(1);
                }
            }
            else
            {
                outShape.Add(x[i]);
            }
        }

        Out[0].Shape = [.. outShape];
        _scale = 1f / count;
        _outStrides = new int[x.Length];
        var s = 1;
        for (var i = x.Length - 1; i >= 0; i--)
        {
            _outStrides[i] = reduced[i] ? 0 : s;
            s *= reduced[i] ? 1 : x[i];
        }

        BuildMap();
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        y.Clear();
        for (var i = 0; i < _map.Length; i++)
        {
            y[_map[i]] += x[i];
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(y, _scale, y);
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var i = 0; i < _map.Length; i++)
        {
            dx[i] += dy[_map[i]] * _scale;
        }
    }

    private void BuildMap()
    {
        var shape = In[0].Shape;
        var rank = shape.Length;
        var idx = new int[rank];
        var total = ShapeMath.Count(shape);
        _map = new int[total];
        var o = 0;
        for (var i = 0; i < total; i++)
        {
            _map[i] = o;
            for (var d = rank - 1; d >= 0; d--)
            {
                idx[d]++;
                o += _outStrides[d];
                if (idx[d] < shape[d])
                {
                    break;
                }

                o -= _outStrides[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
