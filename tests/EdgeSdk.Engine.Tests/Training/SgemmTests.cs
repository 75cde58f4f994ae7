// The blocked SGEMM against the reference triple loop, for every transpose combination and for sizes
// that exercise edge tiles, several K blocks and the 8×8 transposing pack.
using EdgeSdk.Training.Kernels;

namespace EdgeSdk.Engine.Tests.Training;

public sealed class SgemmTests
{
    [Theory]
    [InlineData(false, false, 7, 19, 5)]
    [InlineData(true, false, 13, 33, 300)]
    [InlineData(false, true, 64, 48, 517)]
    [InlineData(true, true, 30, 40, 270)]
    [InlineData(false, true, 5, 17, 9)]
    public void Matches_reference(bool transA, bool transB, int m, int n, int k)
    {
        var rng = new Random(m * 1000 + n);
        var a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var c0 = Enumerable.Range(0, m * n).Select(_ => (float)rng.NextDouble()).ToArray();
        var fast = (float[])c0.Clone();
        var reference = (float[])c0.Clone();
        var lda = transA ? m : k;
        var ldb = transB ? k : n;

        Sgemm.Multiply(transA, transB, m, n, k, 0.5f, a, lda, b, ldb, fast, n, accumulate: true);
        Sgemm.Reference(transA, transB, m, n, k, 0.5f, a, lda, b, ldb, reference, n, accumulate: true);

        fast.Zip(reference, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThan(1e-4f);
    }
}
