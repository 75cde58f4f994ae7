// Loads tests/fixtures/metrics/reference_metrics.json (scikit-learn 1.2 values on real predictions) and
// the arrays it refers to, for the metric tests.
using System.Text.Json;
using EdgeSdk.Data;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Evaluation;

internal static class ReferenceMetrics
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.Fixtures, "metrics", "reference_metrics.json"))).RootElement);

    public static JsonElement Case(string name) => Root.Value.GetProperty(name);

    public static double Value(string name, string metric) => Case(name).GetProperty(metric).GetDouble();

    public static double[] Vector(string name, string metric) => Case(name).GetProperty(metric).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static long[][] Matrix(string name, string metric) =>
        Case(name).GetProperty(metric).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();

    /// <summary>Reads a fixture .npy path given relative to tests/fixtures (text after a space is a comment).</summary>
    public static EdgeSdk.Tensors.Tensor Array(string relative) => NpyFile.Read(Path.Combine(TestPaths.Fixtures, relative.Split(' ')[0]));

    public static double[] AsDoubles(EdgeSdk.Tensors.Tensor t) => t.Data switch
    {
        float[] f => f.Select(x => (double)x).ToArray(),
        double[] d => d,
        long[] l => l.Select(x => (double)x).ToArray(),
        _ => throw new InvalidOperationException(t.ElementType.ToString()),
    };
}
