// Turns a recipe's DataSetSpec into an in-memory IDataSet: reads the files in the spec's format (NPY,
// NPZ, CSV, ONNX TensorProto folders), maps them to the model's inputs, then shuffles (seeded), limits
// the sample count and preprocesses (DataSetShaper).
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>Loads recipe data sets.</summary>
internal static class DataSetLoader
{
    /// <summary>
    /// Loads <paramref name="spec"/> for a model with <paramref name="modelInputNames"/> (may be empty when
    /// unknown; then every input must be named); throws <see cref="EdgeException"/> (EDGE6xxx) on bad data.
    /// </summary>
    public static IDataSet Load(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        try
        {
            return LoadUnlocated(spec, modelInputNames);
        }
        catch (EdgeException ex) when (ex.Diagnostics.All(d => d.Location is null))
        {
            // Problems of the data as a whole (empty, 0-d, sample counts) point at the data set in the recipe.
            throw new EdgeException(ex.Diagnostics.Select(d => d with { Location = spec.Location }).ToList());
        }
    }

    private static IDataSet LoadUnlocated(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var (inputs, labels) = spec.Format switch
        {
            DataFormat.Npy => ReadNpy(spec, modelInputNames),
            DataFormat.Npz => ReadNpz(spec, modelInputNames),
            DataFormat.Csv => ReadCsv(spec, modelInputNames),
            _ => ReadTensorProto(spec, modelInputNames),
        };
        foreach (var (name, tensor) in inputs)
        {
            FiniteCheck.Require(spec, tensor, $"input '{name}'", spec.Inputs.FirstOrDefault(i => i.Input == name || i.Input is null));
        }

        if (labels is not null)
        {
            FiniteCheck.Require(spec, labels, "the labels", null);
        }

        return DataSetShaper.Shape(spec, inputs, labels);
    }

    /// <summary>Resolves which model input a spec input feeds (null name: the model's only input).</summary>
    public static string ResolveInputName(DataSetSpec spec, DataInputSpec input, IReadOnlyList<string> modelInputNames)
    {
        if (input.Input is null)
        {
            if (modelInputNames.Count != 1)
            {
                throw new EdgeException(DiagnosticCatalog.Data.InputMismatch, $"Data set '{spec.Name}' gives data for one unnamed input, but the model has {modelInputNames.Count} inputs ({string.Join(", ", modelInputNames)}). Map each input by name under 'inputs'.", input.Location);
            }

            return modelInputNames[0];
        }

        if (modelInputNames.Count > 0 && !modelInputNames.Contains(input.Input, StringComparer.Ordinal))
        {
            throw new EdgeException(DiagnosticCatalog.Data.InputMismatch, $"Data set '{spec.Name}' feeds the input '{input.Input}', which the model does not have.{DidYouMean.Hint(input.Input, modelInputNames)} Model inputs: {string.Join(", ", modelInputNames)}.", input.Location);
        }

        return input.Input;
    }

    private static (Dictionary<string, Tensor>, Tensor?) ReadNpy(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var inputs = spec.Inputs.ToDictionary(i => ResolveInputName(spec, i, modelInputNames), i => NpyFile.Read(i.Source), StringComparer.Ordinal);
        return (inputs, spec.Labels is null ? null : NpyFile.Read(spec.Labels));
    }

    private static (Dictionary<string, Tensor>, Tensor?) ReadNpz(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var arrays = NpzFile.Read(spec.File!);
        Tensor Array(string name, SourceLocation? at) => arrays.TryGetValue(name, out var t) ? t
            : throw new EdgeException(DiagnosticCatalog.Data.MissingArray, $"'{spec.File}' has no array '{name}'.{DidYouMean.Hint(name, arrays.Keys)} Arrays: {string.Join(", ", arrays.Keys)}.", at);
        var inputs = spec.Inputs.ToDictionary(i => ResolveInputName(spec, i, modelInputNames), i => Array(i.Source, i.Location), StringComparer.Ordinal);
        return (inputs, spec.Labels is null ? null : Array(spec.Labels, spec.LabelsLocation));
    }

    private static (Dictionary<string, Tensor>, Tensor?) ReadCsv(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var table = CsvTableReader.Read(spec.File!);
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var input in spec.Inputs)
        {
            var columns = input.Columns.Select(c => table.ColumnIndex(c, input.Location)).ToList();
            inputs[ResolveInputName(spec, input, modelInputNames)] = Tensor.FromFloat(table.ReadFloats(columns), table.RowCount, columns.Count);
        }

        Tensor? labels = null;
        if (spec.Labels is { } labelColumn)
        {
            var index = table.ColumnIndex(labelColumn, spec.LabelsLocation);
            labels = table.IsWholeNumberColumn(index)
                ? Tensor.FromInt64(table.ReadInt64(index), table.RowCount)
                : Tensor.FromFloat(table.ReadFloats([index]), table.RowCount);
        }

        return (inputs, labels);
    }

    private static (Dictionary<string, Tensor>, Tensor?) ReadTensorProto(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var sources = spec.Inputs.ToDictionary(i => ResolveInputName(spec, i, modelInputNames), i => i.Source, StringComparer.Ordinal);
        var inputs = TensorProtoDataReader.Read(spec.File!, modelInputNames, sources, spec.Location);
        return (inputs, spec.Labels is null ? null : NpyFile.Read(spec.Labels));
    }
}
