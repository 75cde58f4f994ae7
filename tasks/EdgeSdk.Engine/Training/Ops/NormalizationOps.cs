// BatchNormalization (frozen running statistics, or batch statistics in train mode) and
// LayerNormalization, with their gradients. Per-channel / per-row statistics live in arrays the operator
// owns (sized once at plan time), so nothing is allocated per step.
using System.Numerics.Tensors;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Ops;

/// <summary>ONNX BatchNormalization (inputs X, scale, B, mean, var).</summary>
internal sealed class BatchNormOp : TrainingOp
{
    private readonly float _epsilon;
    private readonly float _momentum;
    private int _batch;
    private int _channels;
    private int _plane;
    private float[] _mean = [];
    private float[] _invStd = [];

    /// <summary>Creates the op.</summary>
    public BatchNormOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options)
    {
        _epsilon = node.GetFloat("epsilon", 1e-5f);
        _momentum = node.GetFloat("momentum", 0.9f);
    }

    private bool BatchStatistics => Options.Training && Options.BatchNorm == BatchNormMode.Train;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0]];

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index <= 2;

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        if (x.Length < 2)
        {
            throw Unsupported($"input {ShapeMath.Format(x)} needs at least 2 dimensions.");
        }

        _batch = x[0];
        _channels = x[1];
        _plane = ShapeMath.Count(x, 2, x.Length);
        for (var i = 1; i <= 4; i++)
        {
            if (In[i].Length != _channels)
            {
                throw Unsupported($"input {i} ('{In[i].Name}') has {In[i].Length} values for {_channels} channels.");
            }
        }

        Out[0].Shape = x;
        for (var i = 1; i < Out.Length; i++)
        {
            if (Out[i] is not null)
            {
                Out[i].Shape = [_channels];
            }
        }

        _mean = new float[_channels];
        _invStd = new float[_channels];
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        var scale = In[1].Span;
        var bias = In[2].Span;
        var runMean = In[3].Span;
        var runVar = In[4].Span;
        if (BatchStatistics)
        {
            var count = (double)_batch * _plane;
            for (var c = 0; c < _channels; c++)
            {
                double sum = 0;
                for (var n = 0; n < _batch; n++)
                {
                    sum += TensorPrimitives.Sum(x.Slice(((n * _channels) + c) * _plane, _plane));
                }

                var mean = sum / count;
                double sq = 0;
                for (var n = 0; n < _batch; n++)
                {
                    sq += Kernels.VectorOps.SumSquaredDeviation(x.Slice(((n * _channels) + c) * _plane, _plane), (float)mean);
                }

                var variance = sq / count;
                _mean[c] = (float)mean;
                _invStd[c] = (float)(1.0 / Math.Sqrt(variance + _epsilon));
                runMean[c] = (_momentum * runMean[c]) + ((1 - _momentum) * (float)mean);
                runVar[c] = (_momentum * runVar[c]) + ((1 - _momentum) * (float)(count > 1 ? sq / (count - 1) : variance));
            }
        }
        else
        {
            for (var c = 0; c < _channels; c++)
            {
                _mean[c] = runMean[c];
                _invStd[c] = 1f / MathF.Sqrt(runVar[c] + _epsilon);
            }
        }

        for (var c = 0; c < _channels; c++)
        {
            var s = scale[c] * _invStd[c];
            var b = bias[c] - (_mean[c] * s);
            for (var n = 0; n < _batch; n++)
            {
                var o = ((n * _channels) + c) * _plane;
                Kernels.VectorOps.ScaleShift(x.Slice(o, _plane), s, b, y.Slice(o, _plane));
            }
        }

        if (Out.Length > 1 && Out[1] is not null)
        {
            runMean.CopyTo(Out[1].Span);
        }

        if (Out.Length > 2 && Out[2] is not null)
        {
            runVar.CopyTo(Out[2].Span);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var x = In[0].Span;
        var dy = Out[0].GradSpan;
        var scale = In[1].Span;
        var dx = NeedsGrad(0) ? In[0].GradSpan : default;
        for (var c = 0; c < _channels; c++)
        {
            double sumDy = 0;
            double sumDyXhat = 0;
            var mean = _mean[c];
            var inv = _invStd[c];
            for (var n = 0; n < _batch; n++)
            {
                var o = ((n * _channels) + c) * _plane;
                var g = dy.Slice(o, _plane);
                var xs = x.Slice(o, _plane);
                var sg = TensorPrimitives.Sum(g);
                sumDy += sg;
                sumDyXhat += (TensorPrimitives.Dot(g, xs) - (mean * sg)) * inv;
            }

            if (NeedsGrad(1))
            {
                In[1].GradSpan[c] += (float)sumDyXhat;
            }

            if (NeedsGrad(2))
            {
                In[2].GradSpan[c] += (float)sumDy;
            }

            if (!NeedsGrad(0))
            {
                continue;
            }

            var k = scale[c] * inv;
            if (!BatchStatistics)
            {
                for (var n = 0; n < _batch; n++)
                {
                    var o = ((n * _channels) + c) * _plane;
                    var d = dx.Slice(o, _plane);
                    TensorPrimitives.MultiplyAdd(dy.Slice(o, _plane), k, d, d);
                }

                continue;
            }

            // dx = k · (dy − mean(dy) − x̂ · mean(dy·x̂)), x̂ = (x − μ)·inv
            var count = (float)((double)_batch * _plane);
            var meanDy = (float)(sumDy / count);
            var meanDyXhat = (float)(sumDyXhat / count);
            // = k·dy + b·x + c with b = −k·inv·mean(dy·x̂), c = −k·mean(dy) + k·inv·mean·mean(dy·x̂)
            var b = -k * inv * meanDyXhat;
            var cst = (-k * meanDy) + (k * inv * mean * meanDyXhat);
            for (var n = 0; n < _batch; n++)
            {
                var o = ((n * _channels) + c) * _plane;
                Kernels.VectorOps.AccumulateAffine(dy.Slice(o, _plane), x.Slice(o, _plane), k, b, cst, dx.Slice(o, _plane));
            }
        }
    }
}

/// <summary>ONNX LayerNormalization (opset 17): normalizes over the dimensions from <c>axis</c> on.</summary>
internal sealed class LayerNormOp : TrainingOp
{
    private readonly float _epsilon;
    private int _rows;
    private int _size;
    private float[] _mean = [];
    private float[] _invStd = [];

    /// <summary>Creates the op.</summary>
    public LayerNormOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
        : base(node, inputs, outputs, options) => _epsilon = node.GetFloat("epsilon", 1e-5f);

    private bool HasBias => In.Length > 2 && In[2] is not null;

    /// <inheritdoc/>
    public override IEnumerable<TrainingValue> SavedForBackward => [In[0]];

    /// <inheritdoc/>
    public override void InferShapes()
    {
        var x = In[0].Shape;
        var axis = ShapeMath.Axis(Node.GetInt("axis", -1), x.Length);
        _rows = ShapeMath.Count(x, 0, axis);
        _size = ShapeMath.Count(x, axis, x.Length);
        if (In[1].Length != _size || (HasBias && In[2].Length != _size))
        {
            throw Unsupported($"scale/bias must hold {_size} values (the normalized dimensions of {ShapeMath.Format(x)}).");
        }

        Out[0].Shape = x;
        var statShape = x.Select((d, i) => i < axis ? d : 1).ToArray();
        for (var i = 1; i < Out.Length; i++)
        {
            if (Out[i] is not null)
            {
                Out[i].Shape = statShape;
            }
        }

        _mean = new float[_rows];
        _invStd = new float[_rows];
    }

    /// <inheritdoc/>
    public override bool IsDifferentiable(int index) => index <= 2;

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Forward()
    {
        var x = In[0].Span;
        var y = Out[0].Span;
        var scale = In[1].Span;
        var bias = HasBias ? In[2].Span : default;
        for (var r = 0; r < _rows; r++)
        {
            var xs = x.Slice(r * _size, _size);
            var ys = y.Slice(r * _size, _size);
            var mean = TensorPrimitives.Sum(xs) / _size;
            TensorPrimitives.Subtract(xs, mean, ys);
            var variance = TensorPrimitives.SumOfSquares(ys) / _size;
            var inv = 1f / MathF.Sqrt(variance + _epsilon);
            _mean[r] = mean;
            _invStd[r] = inv;
            TensorPrimitives.Multiply(ys, inv, ys);
            TensorPrimitives.Multiply(ys, scale, ys);
            if (HasBias)
            {
                TensorPrimitives.Add(ys, bias, ys);
            }
        }

        if (Out.Length > 1 && Out[1] is not null)
        {
            _mean.CopyTo(Out[1].Span);
        }

        if (Out.Length > 2 && Out[2] is not null)
        {
            _invStd.CopyTo(Out[2].Span);
        }
    }

    /// <inheritdoc/>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public override void Backward()
    {
        var x = In[0].Span;
        var dy = Out[0].GradSpan;
        var scale = In[1].Span;
        var needX = NeedsGrad(0);
        var needS = NeedsGrad(1);
        var needB = HasBias && NeedsGrad(2);
        var xhat = Scratch.AsSpan(0, _size);
        var dxhat = Scratch.AsSpan(_size, _size);
        for (var r = 0; r < _rows; r++)
        {
            var xs = x.Slice(r * _size, _size);
            var g = dy.Slice(r * _size, _size);
            TensorPrimitives.Subtract(xs, _mean[r], xhat);
            TensorPrimitives.Multiply(xhat, _invStd[r], xhat);
            if (needS)
            {
                var ds = In[1].GradSpan;
                TensorPrimitives.FusedMultiplyAdd(g, xhat, ds, ds);
            }

            if (needB)
            {
                var db = In[2].GradSpan;
                TensorPrimitives.Add(db, g, db);
            }

            if (!needX)
            {
                continue;
            }

            TensorPrimitives.Multiply(g, scale, dxhat);
            var meanD = TensorPrimitives.Sum(dxhat) / _size;
            var meanDX = TensorPrimitives.Dot(dxhat, xhat) / _size;
            var dx = In[0].GradSpan.Slice(r * _size, _size);
            var inv = _invStd[r];
            for (var i = 0; i < _size; i++)
            {
                dx[i] += inv * (dxhat[i] - meanD - (xhat[i] * meanDX));
            }
        }
    }

    /// <inheritdoc/>
    public override int ScratchSize => 2 * _size;
}
