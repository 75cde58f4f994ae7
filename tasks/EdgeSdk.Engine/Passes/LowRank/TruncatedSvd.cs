// The singular value decomposition behind every factorization, from MathNet.Numerics: a matrix M (m×n)
// is split into P (m×r) and Q (r×n) with the singular values shared as sqrt(s) on both sides, so
// P·Q is the best rank-r approximation and ||M − P·Q||²_F is the sum of the discarded s².
using MathNet.Numerics.LinearAlgebra;

namespace EdgeSdk.Passes.LowRank;

/// <summary>A matrix's SVD, truncated on demand.</summary>
internal sealed class TruncatedSvd
{
    private readonly Matrix<double> _u;
    private readonly Matrix<double> _vt;

    /// <summary>Decomposes a row-major <paramref name="rows"/>×<paramref name="columns"/> matrix.</summary>
    public TruncatedSvd(float[] rowMajor, int rows, int columns)
    {
        var matrix = Matrix<double>.Build.Dense(rows, columns, (i, j) => rowMajor[(i * columns) + j]);
        var svd = matrix.Svd(computeVectors: true);
        SingularValues = svd.S.ToArray();
        _u = svd.U;
        _vt = svd.VT;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>Gets the row count m.</summary>
    public int Rows { get; }

    /// <summary>Gets the column count n.</summary>
    public int Columns { get; }

    /// <summary>Gets the singular values, descending.</summary>
    public double[] SingularValues { get; }

    /// <summary>Gets the full rank min(m, n).</summary>
    public int FullRank => SingularValues.Length;

    /// <summary>Returns the fraction of energy (Σs²) the first <paramref name="rank"/> singular values hold.</summary>
    public double Energy(int rank)
    {
        var total = SingularValues.Sum(s => s * s);
        return total == 0 ? 1 : SingularValues.Take(rank).Sum(s => s * s) / total;
    }

    /// <summary>Returns the smallest rank whose energy reaches <paramref name="threshold"/> (at least 1).</summary>
    public int RankForEnergy(double threshold)
    {
        var total = SingularValues.Sum(s => s * s);
        double cumulative = 0;
        for (var r = 0; r < SingularValues.Length; r++)
        {
            cumulative += SingularValues[r] * SingularValues[r];
            if (total == 0 || cumulative / total >= threshold - 1e-12)
            {
                return r + 1;
            }
        }

        return SingularValues.Length;
    }

    /// <summary>Returns P (m×rank, row-major) and Q (rank×n, row-major) with P·Q the rank-<paramref name="rank"/> approximation.</summary>
    public (float[] P, float[] Q) Factors(int rank)
    {
        var p = new float[Rows * rank];
        var q = new float[rank * Columns];
        for (var r = 0; r < rank; r++)
        {
            var scale = Math.Sqrt(SingularValues[r]);
            for (var i = 0; i < Rows; i++)
            {
                p[(i * rank) + r] = (float)(_u[i, r] * scale);
            }

            for (var j = 0; j < Columns; j++)
            {
                q[(r * Columns) + j] = (float)(_vt[r, j] * scale);
            }
        }

        return (p, q);
    }
}
