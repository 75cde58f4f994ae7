// Writes recipes, a test target profile and small NPY files into a fresh temp folder for loader tests.
using EdgeSdk.Data;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Tests.Recipes;

/// <summary>A temp folder with a targets/ and recipes/ folder and helpers to write recipes.</summary>
internal sealed class RecipeTestFiles
{
    public const string TestProfile = """
        name: test-cpu
        description: A test CPU
        isa: [neon, dotprod]
        cores: {value: 4, source: https://example.test/cores}
        clock: {value: 1.8 GHz, source: https://example.test/clock}
        ram: {value: 4 GB, source: https://example.test/ram}
        storage: {value: 32 GB, source: https://example.test/storage}
        peak_fp32: {value: 57.6 GFLOPS, source: https://example.test/fp32}
        peak_int8: {value: 115.2 GOPS, source: https://example.test/int8}
        memory_bandwidth: {value: 4 GB/s, source: https://example.test/bw}
        execution_providers: [CPUExecutionProvider]
        quantization: {weight_bits: 8, reduce_range: false, activation_type: uint8}
        """;

    public RecipeTestFiles()
    {
        Root = TestPaths.NewTempDir("recipes");
        Directory.CreateDirectory(Path.Combine(Root, "targets"));
        Directory.CreateDirectory(Path.Combine(Root, "recipes"));
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        File.WriteAllText(Path.Combine(Root, "targets", "test-cpu.yaml"), TestProfile);
        File.WriteAllBytes(Path.Combine(Root, "model.onnx"), [0]);
        NpyFile.Write(Path.Combine(Root, "data", "x.npy"), Tensor.FromFloat([1, 2, 3, 4, 5, 6], 3, 2));
        NpyFile.Write(Path.Combine(Root, "data", "y.npy"), Tensor.FromInt64([0, 1, 0], 3));
    }

    public string Root { get; }

    public RecipeLoadOptions Options => new()
    {
        TargetsDirectory = Path.Combine(Root, "targets"),
        StockRecipesDirectory = Path.Combine(Root, "recipes"),
        Properties = new Dictionary<string, string> { ["Configuration"] = "Release" },
    };

    public string Write(string name, string yaml)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    public static string Positions(RecipeLoadResult result) =>
        string.Join("; ", result.Diagnostics.Select(d => $"{d.Code}@{d.Location?.Line},{d.Location?.Column}"));

    public RecipeLoadResult Load(string yaml, string name = "recipe.yaml") => RecipeLoader.Load(Write(name, yaml), Options);
}
