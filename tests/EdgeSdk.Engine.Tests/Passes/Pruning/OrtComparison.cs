// Runs two models on the same input in ONNX Runtime and reports the largest output difference, so tests
// can show that surgery leaves the function of a model unchanged.
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Pruning;

internal static class OrtComparison
{
    public static Tensor RandomInput(long[] shape, int seed = 5)
    {
        var random = new Random(seed);
        var data = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return Tensor.FromFloat(data, shape);
    }

    public static float[] Run(ModelGraph graph, Tensor input)
    {
        using var session = InferenceSession.FromModel(graph.Model);
        return session.Run(new Dictionary<string, Tensor> { [session.Inputs[0].Name] = input }).Values.First().AsFloat();
    }

    public static float[] RunBytes(byte[] model, Tensor input)
    {
        using var session = InferenceSession.FromBytes(model);
        return session.Run(new Dictionary<string, Tensor> { [session.Inputs[0].Name] = input }).Values.First().AsFloat();
    }

    public static double MaxAbsDifference(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
