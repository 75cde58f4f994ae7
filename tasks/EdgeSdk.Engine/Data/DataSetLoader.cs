// Turns a recipe's DataSetSpec into an in-memory IDataSet: reads the files in the spec's format, maps
// them to the model's inputs, then shuffles (seeded), limits the sample count and preprocesses.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>Loads recipe data sets.</summary>
internal static class DataSetLoader
{
    /// <summary>Loads <paramref name="spec"/> for a model with <paramref name="modelInputNames"/>; throws <see cref="EdgeException"/> (EDGE6xxx) on bad data.</summary>
    public static IDataSet Load(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var raw = spec.Format switch
        {
            DataFormat.Npy => ReadNpy(spec, modelInputNames),
            _ => throw new EdgeException(DiagnosticCodes.MalformedData, $"Data set '{spec.Name}': the {spec.Format} format is not supported yet; use npy.", spec.Location),
        };
        return DataSetShaper.Shape(spec, raw.Inputs, raw.Labels);
    }

    /// <summary>Resolves which model input a spec input feeds (null name: the model's only input).</summary>
    public static string ResolveInputName(DataSetSpec spec, DataInputSpec input, IReadOnlyList<string> modelInputNames)
    {
        if (input.Input is null)
        {
            if (modelInputNames.Count != 1)
            {
                throw new EdgeException(DataCodes.InputMismatch, $"Data set '{spec.Name}' gives data for one unnamed input, but the model has {modelInputNames.Count} inputs ({string.Join(", ", modelInputNames)}). Map each input by name under 'inputs'.", input.Location);
            }

            return modelInputNames[0];
        }

        if (modelInputNames.Count > 0 && !modelInputNames.Contains(input.Input, StringComparer.Ordinal))
        {
            throw new EdgeException(DataCodes.InputMismatch, $"Data set '{spec.Name}' feeds the input '{input.Input}', which the model does not have.{DidYouMean.Hint(input.Input, modelInputNames)} Model inputs: {string.Join(", ", modelInputNames)}.", input.Location);
        }

        return input.Input;
    }

    private static (Dictionary<string, Tensor> Inputs, Tensor? Labels) ReadNpy(DataSetSpec spec, IReadOnlyList<string> modelInputNames)
    {
        var inputs = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var input in spec.Inputs)
        {
            inputs[ResolveInputName(spec, input, modelInputNames)] = NpyFile.Read(input.Source);
        }

        var labels = spec.Labels is null ? null : NpyFile.Read(spec.Labels);
        return (inputs, labels);
    }
}
