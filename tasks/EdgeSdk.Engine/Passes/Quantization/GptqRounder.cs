// GPTQ-style weight rounding (Frantar et al.): quantize one input column at a time and push each
// column's rounding error onto the columns not yet quantized, weighted by the inverse Hessian of the
// layer's inputs, so the layer's output error (not the weight error) is minimized. Scales stay the
// round-to-nearest ones; only the integer choices change.
using MathNet.Numerics.LinearAlgebra;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Second-order error-compensating rounding of a weight matrix.</summary>
internal static class GptqRounder
{
    /// <summary>
    /// Rounds <paramref name="weights"/> ([rows, k] row-major, one row per output channel) to symmetric
    /// <paramref name="bits"/>-bit integers given the inputs' Gram matrix <paramref name="hessian"/> (k×k).
    /// </summary>
    /// <returns>The integers ([rows, k]) and the scales (one per row, or one when <paramref name="perChannel"/> is false).</returns>
    public static (sbyte[] Values, float[] Scales) Round(float[] weights, int rows, int k, double[] hessian, int bits, bool perChannel, double damp)
    {
        var qmax = (1 << (bits - 1)) - 1;
        var scales = new float[perChannel ? rows : 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < k; c++)
            {
                var s = perChannel ? r : 0;
                scales[s] = Math.Max(scales[s], Math.Abs(weights[(r * k) + c]));
            }
        }

        for (var s = 0; s < scales.Length; s++)
        {
            scales[s] = QuantParams.ForSymmetricWeight(scales[s], bits).Scale;
        }

        var h = Matrix<double>.Build.Dense(k, k, (i, j) => hessian[(i * k) + j]);
        var w = Matrix<double>.Build.Dense(rows, k, (r, c) => weights[(r * k) + c]);
        var meanDiagonal = 0.0;
        for (var i = 0; i < k; i++)
        {
            meanDiagonal += h[i, i];
        }

        meanDiagonal = Math.Max(meanDiagonal / k, 1e-12);
        for (var i = 0; i < k; i++)
        {
            if (h[i, i] == 0)
            {
                // An input that never fired during calibration: nothing to compensate through it.
                h[i, i] = 1;
            }

            h[i, i] += damp * meanDiagonal;
        }

        var inverse = h.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
        var upper = inverse.Cholesky().Factor.Transpose();
        var values = new sbyte[rows * k];
        for (var c = 0; c < k; c++)
        {
            var d = upper[c, c];
            for (var r = 0; r < rows; r++)
            {
                var scale = scales[perChannel ? r : 0];
                var q = (int)Math.Clamp(Math.Round(w[r, c] / scale, MidpointRounding.ToEven), -qmax, qmax);
                values[(r * k) + c] = (sbyte)q;
                var error = (w[r, c] - (q * scale)) / d;
                for (var j = c + 1; j < k; j++)
                {
                    w[r, j] -= error * upper[c, j];
                }
            }
        }

        return (values, scales);
    }
}
