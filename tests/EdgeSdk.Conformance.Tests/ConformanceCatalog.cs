// Finds the ONNX backend test cases: every folder of libonnx-testdata's data/<suite>/<case> that holds a
// model.onnx. The root is EDGE_ONNX_TESTDATA when set, else Debian's install location.
namespace EdgeSdk.Conformance.Tests;

/// <summary>One backend test case: a model and its test_data_set_* folders.</summary>
/// <param name="Id">Stable id <c>suite/case</c>, e.g. <c>node/test_abs</c>.</param>
/// <param name="Folder">The case folder.</param>
public sealed record ConformanceCase(string Id, string Folder)
{
    /// <summary>Gets the model path.</summary>
    public string ModelPath => Path.Combine(Folder, "model.onnx");

    /// <summary>Gets the test data set folders, in name order.</summary>
    public IReadOnlyList<string> DataSets => Directory.GetDirectories(Folder, "test_data_set_*").Order(StringComparer.Ordinal).ToList();

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>Enumerates the installed backend test cases.</summary>
internal static class ConformanceCatalog
{
    /// <summary>The environment variable that points at a testdata <c>data</c> folder.</summary>
    public const string RootVariable = "EDGE_ONNX_TESTDATA";

    /// <summary>Debian's install location of libonnx-testdata.</summary>
    public const string DebianRoot = "/usr/share/libonnx-testdata/data";

    /// <summary>Gets the testdata root folder.</summary>
    public static string Root => Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root ? root : DebianRoot;

    /// <summary>Gets the case folders that hold no model.onnx (the <c>real</c> suite's models are downloaded on demand upstream and not packaged), sorted.</summary>
    public static IReadOnlyList<string> WithoutModel() =>
        Directory.GetDirectories(Root).SelectMany(suite => Directory.GetDirectories(suite).Select(c => (Id: $"{Path.GetFileName(suite)}/{Path.GetFileName(c)}", Folder: c)))
            .Where(c => !File.Exists(Path.Combine(c.Folder, "model.onnx")))
            .Select(c => c.Id)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Gets every case (folders without a model, such as the download-only <c>real</c> suite, are left out), sorted by id.</summary>
    public static IReadOnlyList<ConformanceCase> All()
    {
        if (!Directory.Exists(Root))
        {
            throw new InvalidOperationException($"ONNX backend test data not found at {Root}. Run eng/install-test-deps.sh (installs libonnx-testdata) or set {RootVariable}.");
        }

        return Directory.GetDirectories(Root)
            .SelectMany(suite => Directory.GetDirectories(suite).Select(c => new ConformanceCase($"{Path.GetFileName(suite)}/{Path.GetFileName(c)}", c)))
            .Where(c => File.Exists(c.ModelPath))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
    }
}
