// Per-call cost of running a model through EdgeSdk.Runtime (the official Microsoft.ML.OnnxRuntime managed
// package) at batch 1: InferenceSession.Run (managed tensors in and out) and PreparedRun.RunOnceTicks (inputs
// pinned and bound once, outputs pre-allocated), on a nodeless model where ORT itself does almost nothing and
// on every fixture model. The paths run interleaved in blocks, in an order that alternates every round, so the
// shared machine's load hits them alike. The comparison with the hand-written C-API binding EdgeSdk used
// before (issue 12 point 5: new/old <= 1.10) was recorded by this benchmark at commit 770a331, where that
// binding was compiled into the bench as its baseline: bench/results/runtime-overhead-vs-legacy.json (to run it
// again: `git worktree add /tmp/legacy 770a331` and run this benchmark there). It is not kept here, where it
// would be a second copy of the runtime binding.
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
    private static readonly string[] Paths = ["run", "preparedRun"];

    /// <inheritdoc/>
    public string Name => "runtime-overhead";

    /// <inheritdoc/>
    public string Description => "Per-call cost of Run and PreparedRun at batch 1 (µs, bytes allocated), interleaved; args: [rounds=40] [case-filter]";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 40;
        var filter = args.Length > 1 ? args[1] : null;
        var runtime = OrtRuntime.Instance;
        var loadBefore = LoadAverage();
        var cases = new List<object>();
        if (Wanted("passthrough", filter))
        {
            cases.Add(Measure("passthrough float[1,64]", EdgeSdk.Onnx.ModelFile.ToBytes(PassThroughModel()), "x", Tensor.FromFloat(new float[64], 1, 64), rounds));
        }

        foreach (var (model, data) in new[] { ("digits_mlp", "digits"), ("digits_cnn", "digits"), ("digits_transformer", "digits"), ("digits32_mobilenet", "digits32"), ("breast_cancer_mlp", "breast_cancer") })
        {
            if (!Wanted(model, filter))
            {
                continue;
            }

            var bytes = File.ReadAllBytes(TestPaths.Model(model));
            var x = NpyFile.Read(TestPaths.Data(data, "test_x.npy")).SliceRows(0, 1);
            using var probe = InferenceSession.FromBytes(bytes);
            cases.Add(Measure($"{model} batch 1", bytes, probe.Inputs[0].Name, x, rounds));
        }

        return new
        {
            command = $"EdgeSdk.Bench runtime-overhead {string.Join(' ', args)}".TrimEnd(),
            commit = GitCommit(),
            blocksOf = Block,
            rounds,
            threads = 1,
            ortVersion = runtime.Version,
            package = $"Microsoft.ML.OnnxRuntime {OrtRuntime.PackageVersion}",
            nativeLibrary = runtime.LibraryPath,
            cpu = CpuModel(),
            isa = Isa(),
            logicalCpus = Environment.ProcessorCount,
            loadAverage = new { before = loadBefore, after = LoadAverage() },
            legacyComparison = "bench/results/runtime-overhead-vs-legacy.json, recorded at 770a331 with the pre-#12 binding compiled in",
            cases,
        };
    }

    private static bool Wanted(string name, string? filter) => filter is null || name.Contains(filter, StringComparison.OrdinalIgnoreCase);

    private static object Measure(string name, byte[] model, string inputName, Tensor x, int rounds)
    {
        var feed = new Dictionary<string, Tensor> { [inputName] = x };
        using var session = InferenceSession.FromBytes(model);
        using var prepared = session.Prepare(feed);
        var calls = new Dictionary<string, Action>
        {
            ["run"] = () => session.Run(feed),
            ["preparedRun"] = () => prepared.RunOnceTicks(),
        };
        var timings = Paths.ToDictionary(p => p, _ => new List<long>());
        var blockMedians = Paths.ToDictionary(p => p, _ => new List<double>());
        var bytes = Paths.ToDictionary(p => p, _ => 0L);

        // Warm every path, then run them in blocks whose order alternates every round.
        foreach (var path in Paths)
        {
            Time(Block, calls[path]);
        }

        for (var r = 0; r < rounds; r++)
        {
            var order = r % 2 == 0 ? Paths : Paths.Reverse().ToArray();
            foreach (var path in order)
            {
                var (ticks, allocated) = Time(Block, calls[path]);
                timings[path].AddRange(ticks);
                blockMedians[path].Add(Median(ticks));
                bytes[path] += allocated;
            }
        }

        var n = rounds * Block;
        var stats = Paths.ToDictionary(p => p, p => Stats(timings[p], bytes[p] / n));
        return new
        {
            name,
            inputsPinned = prepared.InputsPinned,
            stats,
            // Run's cost over PreparedRun's per round (medians of adjacent blocks): what managed tensors add.
            perRoundRunOverPrepared = Spread(blockMedians["run"], blockMedians["preparedRun"]),
        };
    }

    private static object Spread(List<double> newer, List<double> older)
    {
        var ratios = newer.Zip(older, (a, b) => a / b).Order().ToList();
        return new { p10 = Math.Round(ratios[ratios.Count / 10], 3), median = Math.Round(ratios[ratios.Count / 2], 3), p90 = Math.Round(ratios[ratios.Count * 9 / 10], 3) };
    }

    private static double Ratio(double a, double b) => Math.Round(a / b, 3);

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

    private static double Median(IEnumerable<long> ticks)
    {
        var sorted = ticks.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static object Stats(List<long> ticks, long bytesPerCall)
    {
        var sorted = ticks.Order().ToList();
        double Micros(long t) => Math.Round(t * 1e6 / Stopwatch.Frequency, 2);
        return new { medianMicros = Micros(sorted[sorted.Count / 2]), p90Micros = Micros(sorted[(int)(sorted.Count * 0.9)]), bytesPerCall };
    }

    private static string? LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string? GitCommit()
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["-C", TestPaths.RepoRoot, "rev-parse", "--short", "HEAD"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
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
