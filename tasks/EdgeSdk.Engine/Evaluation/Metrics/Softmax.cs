// Turns raw model outputs (logits) into probabilities, in double precision, so metrics that need
// probabilities (log loss, AUC) work on models that end in a Gemm rather than a Softmax.
namespace EdgeSdk.Evaluation;

/// <summary>Row-wise softmax and a probability check.</summary>
internal static class Softmax
{
    /// <summary>Returns the row-wise softmax of an <paramref name="rows"/> x <paramref name="columns"/> row-major matrix.</summary>
    public static double[] Rows(ReadOnlySpan<float> values, int rows, int columns)
    {
        var result = new double[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var row = values.Slice(r * columns, columns);
            double max = double.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (var c = 0; c < columns; c++)
            {
                var e = Math.Exp(row[c] - max);
                result[(r * columns) + c] = e;
                sum += e;
            }

            for (var c = 0; c < columns; c++)
            {
                result[(r * columns) + c] /= sum;
            }
        }

        return result;
    }

    /// <summary>Returns whether every row already is a probability distribution (non-negative, sums to 1 within 1e-3).</summary>
    public static bool AreProbabilities(ReadOnlySpan<float> values, int rows, int columns)
    {
        for (var r = 0; r < rows; r++)
        {
            double sum = 0;
            foreach (var v in values.Slice(r * columns, columns))
            {
                if (v < 0 || v > 1)
                {
                    return false;
                }

                sum += v;
            }

            if (Math.Abs(sum - 1) > 1e-3)
            {
                return false;
            }
        }

        return true;
    }
}
