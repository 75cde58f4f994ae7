// Reads a fixture data split (`{split}_x.npy` as one named input, `{split}_y.npy` as labels) the way the
// pipeline's data sets hold it, for the engine tests and the benchmarks alike.
using EdgeSdk.Data;
using EdgeSdk.Tensors;

namespace EdgeSdk.Tests;

/// <summary>Fixture data splits as in-memory data sets.</summary>
internal static class FixtureData
{
    /// <summary>Reads split <paramref name="split"/> of fixture set <paramref name="data"/>, feeding its samples to <paramref name="input"/>.</summary>
    public static InMemoryDataSet Split(string data, string split, string input = "input") =>
        new(split, new Dictionary<string, Tensor> { [input] = NpyFile.Read(TestPaths.Data(data, split + "_x.npy")) }, NpyFile.Read(TestPaths.Data(data, split + "_y.npy")));
}
