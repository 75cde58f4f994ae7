// Computes a teacher model's outputs for every training sample with ONNX Runtime (the reference
// implementation), once before training, so the loop reads teacher logits like labels.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Training;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Teacher inference through ONNX Runtime.</summary>
internal static class TeacherOutputs
{
    /// <summary>Returns the teacher's first output for all samples, [count, classes] row-major.</summary>
    public static float[] Compute(ModelGraph teacher, TrainingData data, int threads, CancellationToken cancellation)
    {
        using var session = InferenceSession.FromModel(teacher.Model, new SessionOptions { IntraOpThreads = Math.Max(1, threads) });
        var input = session.Inputs[0].Name;
        var output = session.Outputs[0].Name;
        var result = new List<float>();
        const int Chunk = 256;
        for (var start = 0; start < data.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, data.Count - start);
            var outputs = session.Run(new Dictionary<string, Tensor>(StringComparer.Ordinal) { [input] = data.Slice(start, n) }, [output], cancellation);
            var values = outputs[output].Data as float[] ?? throw new EdgeException(DiagnosticCatalog.Training.BadTeacherOrStudent, $"The teacher's output '{output}' is {outputs[output].ElementType}; distillation needs float logits.");
            result.AddRange(values);
        }

        return [.. result];
    }

    /// <summary>Resolves and loads a model named by a pass parameter (relative to the recipe folder).</summary>
    public static ModelGraph LoadModel(PassContext context, string parameter, string path)
    {
        var full = Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(context.RecipeDirectory, path));
        if (!File.Exists(full))
        {
            throw new EdgeException(DiagnosticCatalog.Training.BadTeacherOrStudent, $"The {parameter} model '{path}' does not exist (looked in '{full}'). Give a path relative to the recipe's folder.", context.Options.LocationOf(parameter));
        }

        return ModelGraph.Load(full);
    }
}
