// Measures the ONNX area's hot paths on the fixture models: load, save (inline and with external data),
// shape inference and the checker, as median milliseconds over repeated runs after a warm-up.
using System.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Checking;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Onnx;

/// <summary>Load/save/shape-inference/checker timings per fixture model.</summary>
internal sealed class OnnxIoBenchmark : IBenchmark
{
    public string Name => "onnx-io";

    public string Description => "ModelFile load/save, ShapeInference.Infer and ModelChecker.Check on each fixture model (median ms).";

    public object Run(string[] args)
    {
        var repeats = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var dir = TestPaths.NewTempDir("bench-onnx");
        var results = new List<object>();
        foreach (var path in Directory.GetFiles(Path.Combine(TestPaths.Fixtures, "models"), "*.onnx").Order(StringComparer.Ordinal))
        {
            var model = ModelFile.Load(path);
            var graph = new ModelGraph(model);
            var target = Path.Combine(dir, Path.GetFileName(path));
            results.Add(new
            {
                model = Path.GetFileNameWithoutExtension(path),
                nodes = model.Graph.Node.Count,
                bytes = new FileInfo(path).Length,
                loadMs = Median(repeats, () => ModelFile.Load(path)),
                saveInlineMs = Median(repeats, () => ModelFile.Save(model, target)),
                saveExternalMs = Median(repeats, () => ModelFile.Save(model, target, new ModelSaveOptions { ExternalDataThreshold = 1024 })),
                shapeInferenceMs = Median(repeats, () => ShapeInference.Infer(graph)),
                checkMs = Median(repeats, () => ModelChecker.Check(model)),
            });
        }

        Directory.Delete(dir, recursive: true);
        return new { repeats, machine = Environment.ProcessorCount + " cores", results };
    }

    private static double Median(int repeats, Action action)
    {
        action();
        var times = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return Math.Round(times[repeats / 2], 3);
    }
}
