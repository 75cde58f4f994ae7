// A data set held fully in memory (the fixtures and most calibration sets fit easily); other readers
// load into it after applying the recipe's samples/shuffle/preprocessing options.
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>An <see cref="IDataSet"/> over tensors already in memory.</summary>
internal sealed class InMemoryDataSet : IDataSet
{
    /// <summary>Creates the set; every input tensor and the labels must have the same first dimension.</summary>
    public InMemoryDataSet(string name, IReadOnlyDictionary<string, Tensor> inputs, Tensor? labels)
    {
        if (inputs.Count == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"Data set '{name}' has no inputs.");
        }

        foreach (var (inputName, tensor) in inputs)
        {
            if (tensor.Shape.Length == 0)
            {
                throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"Data set '{name}': input '{inputName}' is a 0-d (scalar) array; a data set holds samples along its first dimension. Save the data with shape (samples, …), e.g. numpy.save(path, x.reshape(1, -1)) for one sample.");
            }
        }

        if (labels is { Shape.Length: 0 })
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"Data set '{name}': the labels are a 0-d (scalar) array; save one label per sample, with shape (samples,).");
        }

        Name = name;
        Inputs = inputs;
        Labels = labels;
        Count = (int)inputs.Values.First().Shape[0];
        if (Count == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Data.EmptyDataSet, $"Data set '{name}' is empty: its input '{inputs.Keys.First()}' has no samples (shape {Tensor.FormatShape(inputs.Values.First().Shape)}). Give it data with at least one sample.");
        }
        foreach (var (inputName, tensor) in inputs)
        {
            if (tensor.Shape.Length == 0 || tensor.Shape[0] != Count)
            {
                throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"Data set '{name}': input '{inputName}' has {(tensor.Shape.Length == 0 ? 0 : tensor.Shape[0])} samples, expected {Count} like the other inputs.");
            }

            if (tensor.Data is float[] values && Array.FindIndex(values, v => !float.IsFinite(v)) is var bad and >= 0)
            {
                var rowSize = tensor.Length / Count;
                throw new EdgeException(DiagnosticCatalog.Data.NonFiniteData, $"Data set '{name}': input '{inputName}' has a non-finite value ({values[bad]}) in sample {bad / rowSize}, element {bad % rowSize}. Clean the data or drop that sample.");
            }
        }

        if (labels is not null && (labels.Shape.Length == 0 || labels.Shape[0] != Count))
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"Data set '{name}' has {(labels.Shape.Length == 0 ? 0 : labels.Shape[0])} labels for {Count} samples.");
        }
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Count { get; }

    /// <summary>Gets the full input tensors.</summary>
    public IReadOnlyDictionary<string, Tensor> Inputs { get; }

    /// <summary>Gets the labels, or null.</summary>
    public Tensor? Labels { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> InputNames => Inputs.Keys.ToList();

    /// <inheritdoc/>
    public bool HasLabels => Labels is not null;

    /// <inheritdoc/>
    public IEnumerable<DataBatch> Batches(int batchSize)
    {
        for (var start = 0; start < Count; start += batchSize)
        {
            var n = Math.Min(batchSize, Count - start);
            var inputs = Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.SliceRows(start, n), StringComparer.Ordinal);
            yield return new DataBatch(inputs, Labels?.SliceRows(start, n), start);
        }
    }

    /// <summary>Returns the first <paramref name="count"/> samples (or all when fewer).</summary>
    public InMemoryDataSet Take(int count) => count >= Count ? this : new InMemoryDataSet(Name, Inputs.ToDictionary(kv => kv.Key, kv => kv.Value.SliceRows(0, count)), Labels?.SliceRows(0, count));
}
