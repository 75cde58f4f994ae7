// Builds the model's input feeds: a data set's batches under the model's input names, and a fixed batch
// of the evaluated size for timing (real samples when there is data, zeros of the declared shape otherwise).
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Input feeds for evaluation runs.</summary>
internal static class DataFeeds
{
    /// <summary>Renames a batch's inputs to the model's: by name, or positionally when the set and the model both have exactly one input.</summary>
    public static IReadOnlyDictionary<string, Tensor> ForModel(DataBatch batch, IReadOnlyList<string> modelInputs, string dataName)
    {
        if (modelInputs.All(batch.Inputs.ContainsKey))
        {
            return modelInputs.ToDictionary(n => n, n => batch.Inputs[n], StringComparer.Ordinal);
        }

        if (modelInputs.Count == 1 && batch.Inputs.Count == 1)
        {
            return new Dictionary<string, Tensor>(StringComparer.Ordinal) { [modelInputs[0]] = batch.Inputs.Values.First() };
        }

        var missing = modelInputs.Where(n => !batch.Inputs.ContainsKey(n));
        throw new EdgeException(DiagnosticCatalog.Evaluation.DataDoesNotFitModel, $"Data set '{dataName}' does not feed the model's input(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; it has {string.Join(", ", batch.Inputs.Keys.Select(k => $"'{k}'"))}. Name the data set's inputs after the model's inputs.");
    }

    /// <summary>Returns a batch of exactly <paramref name="batch"/> samples for timing: the set's first samples (repeated when the set is smaller), or zeros.</summary>
    public static IReadOnlyDictionary<string, Tensor> TimingBatch(ModelGraph model, IReadOnlyList<string> modelInputs, IDataSet? data, int batch)
    {
        if (data is { Count: > 0 })
        {
            var first = data.Batches(Math.Min(batch, data.Count)).First();
            var feeds = ForModel(first, modelInputs, data.Name);
            return feeds.ToDictionary(kv => kv.Key, kv => Repeat(kv.Value, batch), StringComparer.Ordinal);
        }

        var declared = ValueShape.Declared(model, batch);
        return modelInputs.ToDictionary(
            n => n,
            n => declared.TryGetValue(n, out var shape)
                ? Tensor.Create(shape.ElementType, Array.CreateInstance(ClrType(shape.ElementType), shape.Elements), shape.Dims)
                : throw new EdgeException(DiagnosticCatalog.Evaluation.InvalidSetting, $"The model's input '{n}' has no fully known shape and there is no evaluation data to time it with. Give evaluation data in the recipe."),
            StringComparer.Ordinal);
    }

    /// <summary>Converts a numeric output to float32 values.</summary>
    public static float[] ToFloat(Tensor tensor) => tensor.Data switch
    {
        float[] f => f,
        double[] d => d.Select(v => (float)v).ToArray(),
        Half[] h => h.Select(v => (float)v).ToArray(),
        long[] l => l.Select(v => (float)v).ToArray(),
        int[] i => i.Select(v => (float)v).ToArray(),
        sbyte[] s => s.Select(v => (float)v).ToArray(),
        byte[] b => b.Select(v => (float)v).ToArray(),
        bool[] b => b.Select(v => v ? 1f : 0f).ToArray(),
        _ => throw new EdgeException(DiagnosticCatalog.Evaluation.OutputDoesNotFitTask, $"The model's output is {tensor.ElementType}; evaluation needs a numeric output."),
    };

    private static Tensor Repeat(Tensor tensor, int rows)
    {
        if (tensor.Shape[0] == rows)
        {
            return tensor;
        }

        return tensor.GatherRows(Enumerable.Range(0, rows).Select(r => (int)(r % tensor.Shape[0])).ToArray());
    }

    private static Type ClrType(TensorElementType type) => type switch
    {
        TensorElementType.Float => typeof(float),
        TensorElementType.Double => typeof(double),
        TensorElementType.Int64 => typeof(long),
        TensorElementType.Int32 => typeof(int),
        TensorElementType.Int8 => typeof(sbyte),
        TensorElementType.UInt8 => typeof(byte),
        TensorElementType.Bool => typeof(bool),
        TensorElementType.Float16 => typeof(Half),
        _ => throw new EdgeException(DiagnosticCatalog.Evaluation.InvalidSetting, $"Cannot build a {type} input for timing; give evaluation data in the recipe."),
    };
}
