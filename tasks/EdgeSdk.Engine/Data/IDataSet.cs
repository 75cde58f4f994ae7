// A data set as passes and evaluation see it: named model inputs and optional labels, read in batches.
// Readers for NPY, NPZ, CSV and TensorProto folders produce this one shape.
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>One batch: a tensor per model input (first dimension = samples) and optional labels.</summary>
/// <param name="Inputs">Model input name to tensor.</param>
/// <param name="Labels">Labels for the batch's samples, or null for unlabeled data.</param>
/// <param name="Start">Index of the batch's first sample in the set.</param>
internal sealed record DataBatch(IReadOnlyDictionary<string, Tensor> Inputs, Tensor? Labels, int Start)
{
    /// <summary>Gets the number of samples in the batch.</summary>
    public int Count => (int)(Inputs.Values.First().Shape is { Length: > 0 } s ? s[0] : 1);
}

/// <summary>A data set of samples for calibration, training or evaluation.</summary>
internal interface IDataSet
{
    /// <summary>Gets the set's name (for reports and errors), e.g. <c>evaluation</c>.</summary>
    string Name { get; }

    /// <summary>Gets the number of samples.</summary>
    int Count { get; }

    /// <summary>Gets the names of the model inputs the set feeds.</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>Gets whether the set has labels.</summary>
    bool HasLabels { get; }

    /// <summary>Reads the samples in order, <paramref name="batchSize"/> at a time (the last batch may be smaller).</summary>
    IEnumerable<DataBatch> Batches(int batchSize);
}

/// <summary>The data sets a recipe declares.</summary>
/// <param name="Calibration">Calibration set, or null.</param>
/// <param name="Training">Training set, or null.</param>
/// <param name="Evaluation">Evaluation set, or null.</param>
internal sealed record DataSets(IDataSet? Calibration, IDataSet? Training, IDataSet? Evaluation)
{
    /// <summary>Gets an empty collection.</summary>
    public static DataSets None { get; } = new(null, null, null);
}
