// Locates the repository's test fixtures (copied from shared/ into tests/fixtures) from any test's
// output folder, so tests never depend on ../shared at run time.
namespace EdgeSdk.Tests;

/// <summary>Paths to fixture models and data.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> RepoRootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "EdgeSdk.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("EdgeSdk.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>Gets the repository root.</summary>
    public static string RepoRoot => RepoRootLazy.Value;

    /// <summary>Gets tests/fixtures.</summary>
    public static string Fixtures => Path.Combine(RepoRoot, "tests", "fixtures");

    /// <summary>Gets the path of a fixture model, e.g. <c>Model("digits_cnn")</c>.</summary>
    public static string Model(string name) => Path.Combine(Fixtures, "models", name + ".onnx");

    /// <summary>Gets the path of a fixture model's PyTorch test logits.</summary>
    public static string Logits(string name) => Path.Combine(Fixtures, "models", name + ".test_logits.npy");

    /// <summary>Gets the path of a data file, e.g. <c>Data("digits", "test_x.npy")</c>.</summary>
    public static string Data(string set, string file) => Path.Combine(Fixtures, "data", set, file);

    /// <summary>Creates a fresh temporary folder for one test.</summary>
    public static string NewTempDir(string prefix = "edgesdk")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
