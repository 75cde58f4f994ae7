// Per-call cost of running a model through EdgeSdk.Runtime (the official Microsoft.ML.OnnxRuntime managed
// package) at batch 1: InferenceSession.Run (managed tensors in and out) and PreparedRun.RunOnceTicks
// (inputs pinned and bound once, outputs pre-allocated), on a nodeless model where ORT itself does almost
// nothing and on every fixture model, interleaved in blocks. The comparison with the hand-written C-API
// binding EdgeSdk used before (same native library, interleaved) was recorded by this benchmark at commit
// f4e5b86, where that binding was still compiled into the bench: bench/results/runtime-overhead-vs-legacy.json.
using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeSdk.Data;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Runtime;

/// <summary>The <c>runtime-overhead</c> benchmark.</summary>
internal sealed class BindingOverheadBenchmark : IBenchmark
{
    private const int Block = 50;

    /// <inheritdoc/>
    public string Name => "runtime-overhead";

    /// <inheritdoc/>
    public string Description => "Per-call cost of Run vs PreparedRun at batch 1 (µs, bytes allocated), interleaved; args: [rounds=40]";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var runtime = OrtRuntime.Instance;
        var cases = new List<object>();
        cases.Add(Measure("passthrough float[1,64]", EdgeSdk.Onnx.ModelFile.ToBytes(PassThroughModel()), "x", Tensor.FromFloat(new float[64], 1, 64), rounds));
        foreach (var (model, data) in new[] { ("digits_mlp", "digits"), ("digits_cnn", "digits"), ("digits_transformer", "digits"), ("digits32_mobilenet", "digits32"), ("breast_cancer_mlp", "breast_cancer") })
        {
            var bytes = File.ReadAllBytes(TestPaths.Model(model));
            var x = NpyFile.Read(TestPaths.Data(data, "test_x.npy")).SliceRows(0, 1);
            using var probe = InferenceSession.FromBytes(bytes);
            cases.Add(Measure($"{model} batch 1", bytes, probe.Inputs[0].Name, x, rounds));
        }

        return new
        {
            blocksOf = Block,
            rounds,
            threads = 1,
            ortVersion = runtime.Version,
            package = $"Microsoft.ML.OnnxRuntime {OrtRuntime.PackageVersion}",
            nativeLibrary = runtime.LibraryPath,
            cpu = CpuModel(),
            isa = Isa(),
            cases,
        };
    }

    private static object Measure(string name, byte[] model, string inputName, Tensor x, int rounds)
    {
        var feed = new Dictionary<string, Tensor> { [inputName] = x };
        using var session = InferenceSession.FromBytes(model);
        using var prepared = session.Prepare(feed);
        var timings = new Dictionary<string, List<long>>();
        var bytes = new Dictionary<string, long>();
        void Add(string key, long[] ticks, long allocated)
        {
            (timings.TryGetValue(key, out var list) ? list : timings[key] = []).AddRange(ticks);
            bytes[key] = bytes.GetValueOrDefault(key) + allocated;
        }

        // Warm every path, then alternate blocks so machine noise hits all of them alike.
        Time(Block, () => session.Run(feed));
        Time(Block, () => prepared.RunOnceTicks());

        for (var r = 0; r < rounds; r++)
        {
            var (t1, a1) = Time(Block, () => session.Run(feed));
            Add("run", t1, a1);
            var (t2, a2) = Time(Block, () => prepared.RunOnceTicks());
            Add("preparedRun", t2, a2);
        }

        var n = rounds * Block;
        var stats = timings.ToDictionary(p => p.Key, p => Stats(p.Value, bytes[p.Key] / n));
        var runOverPrepared = Math.Round(Median(timings["run"]) / Median(timings["preparedRun"]), 3);
        return new { name, inputsPinned = prepared.InputsPinned, stats, runOverPrepared };
    }

    private static (long[] Ticks, long Allocated) Time(int count, Action call)
    {
        var ticks = new long[count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        return (ticks, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static double Median(List<long> ticks)
    {
        var sorted = ticks.OrderBy(t => t).ToList();
        return sorted[sorted.Count / 2];
    }

    private static object Stats(List<long> ticks, long bytesPerCall)
    {
        var sorted = ticks.OrderBy(t => t).ToList();
        double Micros(long t) => Math.Round(t * 1e6 / Stopwatch.Frequency, 2);
        return new { medianMicros = Micros(sorted[sorted.Count / 2]), p90Micros = Micros(sorted[(int)(sorted.Count * 0.9)]), bytesPerCall };
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string Isa()
    {
        string[] wanted = ["avx2", "fma", "avx512f", "avx512bw", "avx512_vnni", "avx_vnni", "amx_int8", "asimd", "asimddp"];
        try
        {
            var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal) || l.StartsWith("Features", StringComparison.Ordinal))?.Split(':', 2)[1].Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            return string.Join(" ", wanted.Where(flags.Contains));
        }
        catch (IOException)
        {
            return System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "avx2" : RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static ModelProto PassThroughModel()
    {
        var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorElementType.Float, Shape = new TensorShapeProto() } };
        type.TensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 1 });
        type.TensorType.Shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = 64 });
        var node = new NodeProto { OpType = "Identity", Name = "id" };
        node.Input.Add("x");
        node.Output.Add("y");
        var graph = new GraphProto { Name = "identity" };
        graph.Node.Add(node);
        graph.Input.Add(new ValueInfoProto { Name = "x", Type = type });
        graph.Output.Add(new ValueInfoProto { Name = "y", Type = type });
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }
}
