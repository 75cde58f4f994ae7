// Times one training step (forward, cross-entropy, backward, AdamW update) at batch 64 on one thread for
// the four fixture models, and reports the MobileNet step's memory: the plan's pooled activation/gradient
// buffers, parameters with optimizer state, and the process's peak managed heap.
// Run: dotnet run -c Release --project bench/EdgeSdk.Bench -- training-step [steps-scale] [model|all] [conv-chunk-columns]
using System.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Tests;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Optimization;

namespace EdgeSdk.Bench.Training;

/// <summary>The <c>training-step</c> benchmark.</summary>
internal sealed class TrainingStepBenchmark : IBenchmark
{
    private const int Batch = 64;

    /// <inheritdoc/>
    public string Name => "training-step";

    /// <inheritdoc/>
    public string Description => "median ms per training step (forward+backward+AdamW), batch 64, one thread; MobileNet peak memory";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var scale = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1.0;
        var only = args.Length > 1 ? args[1] : null;
        if (args.Length > 2)
        {
            EdgeSdk.Training.Ops.ConvOp.ChunkColumns = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        }

        var pytorch = new Dictionary<string, double> { ["digits_mlp"] = 3.07, ["digits_cnn"] = 7.92, ["digits_transformer"] = 36.6, ["digits32_mobilenet"] = 255 };
        var results = new List<object>();
        foreach (var (model, data, steps) in new[] { ("digits_mlp", "digits", 400), ("digits_cnn", "digits", 200), ("digits_transformer", "digits", 60), ("digits32_mobilenet", "digits32", 12) })
        {
            if (only is not null && only != "all" && only != model)
            {
                continue;
            }

            results.Add(Measure(model, data, Math.Max(5, (int)(steps * scale)), pytorch[model]));
        }

        return new { batch = Batch, threads = 1, batch_norm = "train (batch statistics, as PyTorch's model.train())", models = results };
    }

    private static object Measure(string modelName, string data, int steps, double pytorchMs)
    {
        var graph = new TrainingGraph(ModelGraph.Load(TestPaths.Model(modelName)), BatchNormMode.Train);
        var x = NpyFile.Read(TestPaths.Data(data, "train_x.npy")).SliceRows(0, Batch);
        var y = NpyFile.Read(TestPaths.Data(data, "train_y.npy")).SliceRows(0, Batch).AsInt64();
        var optimizer = new AdamW(graph.Parameters, 0.01f);
        var plan = graph.Plan(x.Shape.Select(d => (int)d).ToArray(), training: true);
        var trainable = graph.Trainable.ToArray();
        var classes = plan.Outputs[0].Shape[^1];
        var forward = new List<double>();
        var backward = new List<double>();
        var total = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        long peakHeap = 0;
        var profile = new OpProfile();
        GC.Collect();
        for (var s = 0; s < steps + 3; s++)
        {
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            var t0 = Stopwatch.GetTimestamp();
            foreach (var p in trainable)
            {
                Array.Clear(p.Grad);
            }

            plan.SetInput(0, x.AsFloat());
            plan.Forward();
            var t1 = Stopwatch.GetTimestamp();
            Losses.CrossEntropy(plan.Outputs[0].Span, y, classes, plan.Outputs[0].GradSpan);
            plan.Backward();
            var t2 = Stopwatch.GetTimestamp();
            optimizer.Step(1e-3f);
            var t3 = Stopwatch.GetTimestamp();
            process.Refresh();
            var c1 = process.TotalProcessorTime;
            peakHeap = Math.Max(peakHeap, GC.GetGCMemoryInfo().HeapSizeBytes);
            if (s == 2)
            {
                plan.Profile = profile;
            }

            if (s >= 3)
            {
                forward.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                backward.Add(Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                total.Add(Stopwatch.GetElapsedTime(t0, t3).TotalMilliseconds);
                cpu.Add((c1 - c0).TotalMilliseconds);
            }
        }

        var median = Median(total);
        var parameterFloats = graph.Parameters.Sum(p => (long)p.Data.Length * 2) + optimizer.State().Sum(a => (long)a.Length);
        plan.Profile = null;
        var perStep = profile.Milliseconds.OrderByDescending(kv => kv.Value).Select(kv => (kv.Key, Math.Round(kv.Value / (steps + 1), 3))).ToList();
        Console.Error.WriteLine($"{modelName}: median {median:F2} ms, cpu {Median(cpu):F2} ms (forward {Median(forward):F2}, backward+loss {Median(backward):F2}); PyTorch 1.13 {pytorchMs} ms");
        Console.Error.WriteLine("   " + string.Join("; ", perStep.Take(8).Select(p => $"{p.Key} {p.Item2} ms")));
        return new
        {
            model = modelName,
            steps,
            median_ms = Math.Round(median, 3),
            median_cpu_ms = Math.Round(Median(cpu), 3),
            forward_median_ms = Math.Round(Median(forward), 3),
            backward_median_ms = Math.Round(Median(backward), 3),
            pytorch_1_13_ms = pytorchMs,
            ratio_to_pytorch = Math.Round(median / pytorchMs, 3),
            pooled_activation_and_gradient_mb = Math.Round(plan.PooledFloats * 4 / 1048576.0, 2),
            parameters_gradients_and_optimizer_state_mb = Math.Round(parameterFloats * 4 / 1048576.0, 2),
            peak_managed_heap_mb = Math.Round(peakHeap / 1048576.0, 2),
            peak_working_set_mb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, 2),
            ms_per_step_by_operator = perStep.ToDictionary(p => p.Key, p => p.Item2),
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
