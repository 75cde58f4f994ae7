// The fixture models the runtime tests run, with the data set each one reads and its declared input name.
using EdgeSdk.Data;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

/// <summary>Fixture models and their test inputs.</summary>
internal static class FixtureModels
{
    /// <summary>Models with PyTorch test logits, and the data set they read.</summary>
    public static readonly (string Model, string DataSet)[] WithLogits =
    [
        ("digits_mlp", "digits"),
        ("digits_cnn", "digits"),
        ("digits_transformer", "digits"),
        ("digits32_mobilenet", "digits32"),
    ];

    /// <summary>Every fixture model, and the data set it reads.</summary>
    public static readonly (string Model, string DataSet)[] All =
    [
        .. WithLogits,
        ("digits_cnn_folded", "digits"),
        ("digits_student_mlp_untrained", "digits"),
        ("breast_cancer_mlp", "breast_cancer"),
    ];

    /// <summary>Gets the test inputs of <paramref name="dataSet"/> as float32.</summary>
    public static Tensor TestX(string dataSet) => NpyFile.Read(TestPaths.Data(dataSet, "test_x.npy"));

    /// <summary>Builds the feed for a session's single input, reshaping the data to the declared rank when needed.</summary>
    public static Dictionary<string, Tensor> Feed(InferenceSession session, Tensor x) =>
        new() { [session.Inputs[0].Name] = x };

    /// <summary>Argmax over the last axis of a [N, C] tensor.</summary>
    public static int[] ArgMax(float[] logits, int classes) =>
        Enumerable.Range(0, logits.Length / classes)
            .Select(r => Enumerable.Range(0, classes).MaxBy(c => logits[(r * classes) + c]))
            .ToArray();
}
