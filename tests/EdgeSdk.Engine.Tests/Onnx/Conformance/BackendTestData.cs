// Locates ONNX's backend test data (Debian's libonnx-testdata, installed by the test script) and reads
// each case's model and the shapes of its input_*.pb / output_*.pb tensors. Tests over it skip cleanly
// when the package is not installed.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Engine.Tests.Onnx.Conformance;

internal sealed record BackendCase(string Name, string ModelPath, IReadOnlyList<long[]?> InputShapes, IReadOnlyList<long[]?> OutputShapes);

/// <summary>A fact that is skipped when ONNX's backend test data is not installed.</summary>
public sealed class BackendTestDataFactAttribute : FactAttribute
{
    public BackendTestDataFactAttribute()
    {
        if (!BackendTestData.Available)
        {
            Skip = $"libonnx-testdata is not installed ({BackendTestData.Root} is missing); ./test.sh installs it.";
        }
    }
}

internal static class BackendTestData
{
    public const string Root = "/usr/share/libonnx-testdata/data";

    public static bool Available => Directory.Exists(Root);

    public static IEnumerable<string> ModelPaths() => Available
        ? Directory.EnumerateFiles(Root, "model.onnx", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        : [];

    public static BackendCase Read(string modelPath)
    {
        var dir = Path.GetDirectoryName(modelPath)!;
        var dataSet = Directory.GetDirectories(dir, "test_data_set_*").Order(StringComparer.Ordinal).FirstOrDefault();
        long[]? Shape(string file)
        {
            try
            {
                var tensor = TensorProto.Parser.ParseFrom(File.ReadAllBytes(file));
                return tensor.DataType == 0 ? null : tensor.Dims.ToArray();
            }
            catch (Google.Protobuf.InvalidProtocolBufferException)
            {
                return null;
            }
        }

        IReadOnlyList<long[]?> Shapes(string prefix) => dataSet is null ? [] :
            Enumerable.Range(0, 64).Select(i => Path.Combine(dataSet, $"{prefix}_{i}.pb")).TakeWhile(File.Exists).Select(Shape).ToArray();

        var name = Path.GetRelativePath(Root, dir);
        return new BackendCase(name, modelPath, Shapes("input"), Shapes("output"));
    }
}
