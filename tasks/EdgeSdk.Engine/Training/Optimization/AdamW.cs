// AdamW (Loshchilov & Hutter) with PyTorch's semantics: decoupled weight decay p ← p − lr·wd·p, then the
// bias-corrected Adam update. Vectorized; each parameter is updated independently, so results do not
// depend on anything but the order of steps.
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Optimization;

/// <summary>The AdamW optimizer.</summary>
internal sealed class AdamW : IOptimizer
{
    private readonly TrainingParameter[] _parameters;
    private readonly float[][] _m;
    private readonly float[][] _v;
    private readonly float _beta1;
    private readonly float _beta2;
    private readonly float _epsilon;
    private readonly float _weightDecay;

    /// <summary>Creates the optimizer for <paramref name="parameters"/> (frozen ones are skipped).</summary>
    public AdamW(IReadOnlyList<TrainingParameter> parameters, float weightDecay = 0.01f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _parameters = parameters.Where(p => p.Trainable).ToArray();
        _m = _parameters.Select(p => new float[p.Data.Length]).ToArray();
        _v = _parameters.Select(p => new float[p.Data.Length]).ToArray();
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _weightDecay = weightDecay;
    }

    /// <inheritdoc/>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public void Step(float learningRate)
    {
        Steps++;
        var bc1 = 1 - Math.Pow(_beta1, Steps);
        var bc2 = 1 - Math.Pow(_beta2, Steps);
        var stepSize = (float)(learningRate / bc1);
        var invSqrtBc2 = (float)(1 / Math.Sqrt(bc2));
        for (var k = 0; k < _parameters.Length; k++)
        {
            var p = _parameters[k];
            var decay = p.Decays ? 1 - (learningRate * _weightDecay) : 1f;
            Update(p.Data, p.Grad, _m[k], _v[k], decay, stepSize, invSqrtBc2);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<float[]> State() => [.. _m, .. _v];

    /// <inheritdoc/>
    public void RestoreSteps(long steps) => Steps = steps;

    private void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float decay, float stepSize, float invSqrtBc2)
    {
        var b1 = _beta1;
        var b2 = _beta2;
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var wr = ref MemoryMarshal.GetReference(w);
            ref var gr = ref MemoryMarshal.GetReference(g);
            ref var mr = ref MemoryMarshal.GetReference(m);
            ref var vr = ref MemoryMarshal.GetReference(v);
            var vb1 = Vector256.Create(b1);
            var vb1c = Vector256.Create(1 - b1);
            var vb2 = Vector256.Create(b2);
            var vb2c = Vector256.Create(1 - b2);
            var vdecay = Vector256.Create(decay);
            var vstep = Vector256.Create(stepSize);
            var vinv = Vector256.Create(invSqrtBc2);
            var veps = Vector256.Create(_epsilon);
            for (; i <= w.Length - 8; i += 8)
            {
                var gv = Vector256.LoadUnsafe(ref gr, (nuint)i);
                var mv = (vb1 * Vector256.LoadUnsafe(ref mr, (nuint)i)) + (vb1c * gv);
                var vv = (vb2 * Vector256.LoadUnsafe(ref vr, (nuint)i)) + (vb2c * gv * gv);
                mv.StoreUnsafe(ref mr, (nuint)i);
                vv.StoreUnsafe(ref vr, (nuint)i);
                var wv = Vector256.LoadUnsafe(ref wr, (nuint)i) * vdecay;
                var denom = (Vector256.Sqrt(vv) * vinv) + veps;
                (wv - (vstep * mv / denom)).StoreUnsafe(ref wr, (nuint)i);
            }
        }

        for (; i < w.Length; i++)
        {
            m[i] = (b1 * m[i]) + ((1 - b1) * g[i]);
            v[i] = (b2 * v[i]) + ((1 - b2) * g[i] * g[i]);
            var denom = (MathF.Sqrt(v[i]) * invSqrtBc2) + _epsilon;
            w[i] = (w[i] * decay) - (stepSize * m[i] / denom);
        }
    }
}
