// What a recipe says about one data set: where its files are, how their arrays map to model inputs and
// labels, how many samples to use, in what order, and how to preprocess each input. DataSetLoader turns
// a spec into an IDataSet.
using EdgeSdk.Recipes;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Data;

/// <summary>File formats a data set can be read from.</summary>
internal enum DataFormat
{
    /// <summary>One NumPy <c>.npy</c> file per input (and one for labels).</summary>
    Npy,

    /// <summary>One NumPy <c>.npz</c> archive; inputs and labels name arrays inside it.</summary>
    Npz,

    /// <summary>One CSV file with a header; inputs and labels name columns.</summary>
    Csv,

    /// <summary>A folder of ONNX test-data sets (<c>test_data_set_*/input_N.pb</c>), or one such set.</summary>
    TensorProto,
}

/// <summary>Where one model input's data comes from.</summary>
/// <param name="Input">The model input's name, or null for "the model's only input".</param>
/// <param name="Source">NPY: absolute file path. NPZ: array name. CSV: column names. TensorProto: the tensor name or <c>input_N</c>.</param>
/// <param name="Columns">CSV only: the columns, in order (a range like <c>f0..f63</c> expanded).</param>
/// <param name="Location">Where the recipe set this input.</param>
internal sealed record DataInputSpec(string? Input, string Source, IReadOnlyList<string> Columns, SourceLocation Location);

/// <summary>Layout changes a data set can apply to an input.</summary>
internal enum LayoutChange
{
    /// <summary>Leave the layout as stored.</summary>
    None,

    /// <summary>Stored NHWC, model wants NCHW.</summary>
    NhwcToNchw,

    /// <summary>Stored NCHW, model wants NHWC.</summary>
    NchwToNhwc,
}

/// <summary>Preprocessing of one input, applied in order: reshape, scale, then (x − mean) / std per channel, then layout.</summary>
/// <param name="Scale">Multiplier applied first (e.g. 1/255), or null.</param>
/// <param name="Mean">Per-channel (or single) mean, or empty.</param>
/// <param name="Std">Per-channel (or single) standard deviation, or empty.</param>
/// <param name="Layout">Layout change applied last.</param>
/// <param name="Location">Where the recipe set the preprocessing.</param>
internal sealed record PreprocessSpec(double? Scale, IReadOnlyList<double> Mean, IReadOnlyList<double> Std, LayoutChange Layout, SourceLocation Location)
{
    /// <summary>Gets the per-sample shape to give the data first (e.g. 64 CSV columns → [1, 8, 8]), or null.</summary>
    public IReadOnlyList<long>? Reshape { get; init; }
}

/// <summary>One data set of a recipe.</summary>
internal sealed record DataSetSpec
{
    /// <summary>Gets the set's role: <c>calibration</c>, <c>training</c> or <c>evaluation</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the file format.</summary>
    public DataFormat Format { get; init; } = DataFormat.Npy;

    /// <summary>Gets the absolute path of the NPZ/CSV file or TensorProto folder (null for NPY).</summary>
    public string? File { get; init; }

    /// <summary>Gets the inputs, in recipe order.</summary>
    public IReadOnlyList<DataInputSpec> Inputs { get; init; } = [];

    /// <summary>Gets the labels' source (NPY: absolute path; NPZ: array; CSV: column; TensorProto: an NPY path), or null.</summary>
    public string? Labels { get; init; }

    /// <summary>Gets where the recipe set <c>labels</c>.</summary>
    public SourceLocation? LabelsLocation { get; init; }

    /// <summary>Gets the largest number of samples to use (after shuffling), or null for all.</summary>
    public int? Samples { get; init; }

    /// <summary>Gets whether to shuffle the samples (with <see cref="Seed"/>) before taking <see cref="Samples"/>.</summary>
    public bool Shuffle { get; init; }

    /// <summary>Gets the shuffle seed.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the preprocessing per model input name (null key: the only input).</summary>
    public IReadOnlyList<KeyValuePair<string?, PreprocessSpec>> Preprocess { get; init; } = [];

    /// <summary>Gets where the recipe declared the set.</summary>
    public required SourceLocation Location { get; init; }
}

/// <summary>The data sets a recipe declares.</summary>
/// <param name="Calibration">Calibration set, or null.</param>
/// <param name="Training">Training set, or null.</param>
/// <param name="Evaluation">Evaluation set, or null.</param>
internal sealed record DataSetSpecs(DataSetSpec? Calibration, DataSetSpec? Training, DataSetSpec? Evaluation)
{
    /// <summary>Gets an empty collection.</summary>
    public static DataSetSpecs None { get; } = new(null, null, null);
}
