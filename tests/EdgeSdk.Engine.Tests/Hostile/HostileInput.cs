// Runs one reader of untrusted input (recipe loader, .npy/.npz/CSV readers, data-set loader, model reader
// and checker) the way the build does and returns what it reported. Only EDGE diagnostics may come out:
// any other exception escapes and fails the calling test (corpus and fuzz tests share this).
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Checking;
using EdgeSdk.Recipes;

namespace EdgeSdk.Engine.Tests.Hostile;

/// <summary>The readers a hostile file can reach.</summary>
public enum InputKind
{
    /// <summary>A recipe, through <see cref="RecipeLoader"/>.</summary>
    Recipe,

    /// <summary>A .npy file.</summary>
    Npy,

    /// <summary>A .npz archive.</summary>
    Npz,

    /// <summary>A CSV table.</summary>
    Csv,

    /// <summary>A .npy file loaded as a whole evaluation data set (inputs only).</summary>
    NpyDataSet,

    /// <summary>A CSV file loaded as a data set whose only input is column 'x'.</summary>
    CsvDataSet,

    /// <summary>An ONNX model, loaded and checked as <c>edgesdk check</c> does.</summary>
    Model,
}

/// <summary>Feeds a file to the reader of its kind.</summary>
internal static class HostileInput
{
    /// <summary>Returns every diagnostic the reader reported (thrown or returned); other exceptions propagate.</summary>
    public static IReadOnlyList<EdgeDiagnostic> Diagnose(InputKind kind, string path, string? targetsDirectory = null)
    {
        try
        {
            switch (kind)
            {
                case InputKind.Recipe:
                    return RecipeLoader.Load(path, new RecipeLoadOptions { TargetsDirectory = targetsDirectory ?? string.Empty, StockRecipesDirectory = string.Empty }).Diagnostics;
                case InputKind.Npy:
                    NpyFile.Read(path);
                    return [];
                case InputKind.Npz:
                    NpzFile.Read(path);
                    return [];
                case InputKind.Csv:
                    CsvTableReader.Read(path);
                    return [];
                case InputKind.NpyDataSet:
                    DataSetLoader.Load(Spec(DataFormat.Npy, null, new DataInputSpec(null, path, [], new SourceLocation("recipe.yaml", 3, 5))), ["x"]);
                    return [];
                case InputKind.CsvDataSet:
                    DataSetLoader.Load(Spec(DataFormat.Csv, path, new DataInputSpec(null, "x", ["x"], new SourceLocation("recipe.yaml", 3, 5))), ["x"]);
                    return [];
                case InputKind.Model:
                    return ModelChecker.Check(ModelFile.Load(path, ModelLoadOptions.Lenient), path).Concat(LoadStrict(path)).ToList();
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }
        catch (EdgeException ex)
        {
            return ex.Diagnostics;
        }
    }

    private static IEnumerable<EdgeDiagnostic> LoadStrict(string path)
    {
        try
        {
            var graph = new ModelGraph(ModelFile.Load(path));
            foreach (var initializer in graph.Graph.Initializer)
            {
                TensorProtoConverter.ToTensor(initializer);
            }

            return [];
        }
        catch (EdgeException ex)
        {
            return ex.Diagnostics;
        }
    }

    private static DataSetSpec Spec(DataFormat format, string? file, DataInputSpec input) => new()
    {
        Name = "evaluation",
        Format = format,
        File = file,
        Inputs = [input],
        Location = new SourceLocation("recipe.yaml", 2, 3),
    };
}
