// SGD with momentum and L2 weight decay, PyTorch's semantics: g ← g + wd·p; b ← μ·b + g (b = g on the
// first step); p ← p − lr·b.
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Optimization;

/// <summary>Stochastic gradient descent with momentum.</summary>
internal sealed class SgdMomentum : IOptimizer
{
    private readonly TrainingParameter[] _parameters;
    private readonly float[][] _buffers;
    private readonly float _momentum;
    private readonly float _weightDecay;

    /// <summary>Creates the optimizer for <paramref name="parameters"/> (frozen ones are skipped).</summary>
    public SgdMomentum(IReadOnlyList<TrainingParameter> parameters, float momentum = 0.9f, float weightDecay = 0f)
    {
        _parameters = parameters.Where(p => p.Trainable).ToArray();
        _buffers = _parameters.Select(p => new float[p.Data.Length]).ToArray();
        _momentum = momentum;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public void Step(float learningRate)
    {
        var first = Steps == 0;
        Steps++;
        for (var k = 0; k < _parameters.Length; k++)
        {
            var p = _parameters[k];
            var w = p.Data;
            var g = p.Grad;
            var b = _buffers[k];
            var wd = p.Decays ? _weightDecay : 0f;
            for (var i = 0; i < w.Length; i++)
            {
                var d = g[i] + (wd * w[i]);
                b[i] = first ? d : (_momentum * b[i]) + d;
                w[i] -= learningRate * b[i];
            }
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<float[]> State() => _buffers;

    /// <inheritdoc/>
    public void RestoreSteps(long steps) => Steps = steps;
}
