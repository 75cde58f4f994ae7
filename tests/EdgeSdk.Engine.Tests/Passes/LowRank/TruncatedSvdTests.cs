// The SVD seam and rank selection against values known in advance: the reconstruction error equals the
// discarded singular values, and each rank method picks the rank its definition implies.
using EdgeSdk.Passes.LowRank;

namespace EdgeSdk.Engine.Tests.LowRank;

public class TruncatedSvdTests
{
    private static float[] RandomMatrix(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void ReconstructionErrorEqualsTheDiscardedSingularValues(int rank)
    {
        const int m = 20, n = 12;
        var matrix = RandomMatrix(m, n, 3);
        var svd = new TruncatedSvd(matrix, m, n);
        var (p, q) = svd.Factors(rank);

        double error = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                double approx = 0;
                for (var r = 0; r < rank; r++)
                {
                    approx += (double)p[(i * rank) + r] * q[(r * n) + j];
                }

                error += Math.Pow(matrix[(i * n) + j] - approx, 2);
            }
        }

        var discarded = svd.SingularValues.Skip(rank).Sum(s => s * s);
        error.Should().BeApproximately(discarded, discarded * 1e-4);
    }

    [Fact]
    public void EnergyThresholdPicksTheSmallestRankThatReachesIt()
    {
        // diag(10, 5, 1, 0.1): energies 100, 125, 126, 126.01 of 126.01.
        var svd = new TruncatedSvd([10, 0, 0, 0, 0, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.1f], 4, 4);
        svd.SingularValues.Should().BeEquivalentTo(new[] { 10.0, 5.0, 1.0, 0.1 }, o => o.Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6)).WhenTypeIs<double>());
        svd.RankForEnergy(0.79).Should().Be(1);
        svd.RankForEnergy(0.95).Should().Be(2);
        svd.RankForEnergy(0.995).Should().Be(3);
        svd.RankForEnergy(1.0).Should().Be(4);
    }
}
