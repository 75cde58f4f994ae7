// Runs one benchmark by name and writes its result to bench/results/<name>.json (atomically; a benchmark may
// name its result file otherwise through IBenchmark.ResultName).
using EdgeSdk.IO;
using System.Text.Json;
using EdgeSdk.Bench;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;

var benchmarks = typeof(IBenchmark).Assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(IBenchmark).IsAssignableFrom(t))
    .Select(t => (IBenchmark)Activator.CreateInstance(t)!)
    .ToDictionary(b => b.Name, StringComparer.Ordinal);
if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: EdgeSdk.Bench <name> [args]\n" + string.Join("\n", benchmarks.Values.OrderBy(b => b.Name).Select(b => $"  {b.Name,-24} {b.Description}")));
    return 2;
}

var result = benchmark.Run(args[1..]);
var json = JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true });
var path = Path.Combine(TestPaths.RepoRoot, "bench", "results", benchmark.ResultName + ".json");
AtomicFile.WriteAllText(path, json + "\n");
Console.WriteLine(json);
Console.WriteLine($"written: {path}");
return 0;
