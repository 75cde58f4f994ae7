// Softmax along one axis (opset ≥ 13) or over the flattened trailing dimensions (opset < 13), with
// dx = y·(dy − Σ dy·y).
using System.Numerics.Tensors;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX Softmax.</summary>
internal sealed class SoftmaxOp : TrainingOp
{
    private int _outer;
    private int _len;
    private int _inner;

    /// <summary>Creates the op.</summary>
    public SoftmaxOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
    }

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [Out[0]];

    /// <inheritdoc/>
    public override int ScratchSize => _inner == 1 ? 0 : 2 * _len;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        var legacy = Options.Opset < 13;
        var axis = ShapeMath.Axis(Node.GetInt("axis", legacy ? 1 : -1), x.Length);
        _outer = ShapeMath.Count(x, 0, axis);
        _len = legacy ? ShapeMath.Count(x, axis, x.Length) : x[axis];
        _inner = legacy ? 1 : ShapeMath.Count(x, axis + 1, x.Length);
        Out[0].Shape = x;
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        if (_inner == 1)
        {
            for (var r = 0; r < _outer; r++)
            {
                TensorPrimitives.SoftMax(x.Slice(r * _len, _len), y.Slice(r * _len, _len));
            }

            return;
        }

        var buf = Scratch.AsSpan(0, _len);
        var outBuf = Scratch.AsSpan(_len, _len);
        for (var o = 0; o < _outer; o++)
        {
            for (var i = 0; i < _inner; i++)
            {
                var baseIdx = (o * _len * _inner) + i;
                for (var j = 0; j < _len; j++)
                {
                    buf[j] = x[baseIdx + (j * _inner)];
                }

                TensorPrimitives.SoftMax(buf, outBuf);
                for (var j = 0; j < _len; j++)
                {
                    y[baseIdx + (j * _inner)] = outBuf[j];
                }
            }
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var y = Out[0].Span;
        var dy = Out[0].GradSpan;
        var dx = In[0].GradSpan;
        for (var o = 0; o < _outer; o++)
        {
            for (var i = 0; i < _inner; i++)
            {
                var baseIdx = (o * _len * _inner) + i;
                float dot = 0;
                for (var j = 0; j < _len; j++)
                {
                    var k = baseIdx + (j * _inner);
                    dot += dy[k] * y[k];
                }

                for (var j = 0; j < _len; j++)
                {
                    var k = baseIdx + (j * _inner);
                    dx[k] += y[k] * (dy[k] - dot);
                }
            }
        }
    }
}
