// How much the ORT binding adds per call: InferenceSession.Run (managed tensors in and out) against
// PreparedRun.RunOnceTicks (inputs bound once, outputs reused), on a nodeless model where ORT itself does
// almost nothing and on the digits_cnn fixture at batch 1. Reports median and p90 microseconds and managed
// bytes allocated per call.
using System.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Runtime;

/// <summary>The <c>runtime-overhead</c> benchmark.</summary>
internal sealed class BindingOverheadBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "runtime-overhead";

    /// <inheritdoc/>
    public string Description => "Per-call cost of Run vs PreparedRun (µs, bytes allocated); args: [iterations=2000]";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2000;
        var cases = new List<object>();
        using (var identity = InferenceSession.FromModel(PassThroughModel()))
        {
            cases.Add(Measure("passthrough float[1,64]", identity, new() { ["x"] = Tensor.FromFloat(new float[64], 1, 64) }, iterations));
        }

        using (var cnn = InferenceSession.FromFile(TestPaths.Model("digits_cnn")))
        {
            var x = NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 1);
            cases.Add(Measure("digits_cnn batch 1", cnn, new() { [cnn.Inputs[0].Name] = x }, iterations));
        }

        return new { iterations, threads = 1, ortVersion = OrtLibrary.Instance.Version, cases };
    }

    private static object Measure(string name, InferenceSession session, Dictionary<string, Tensor> feed, int iterations)
    {
        var run = Time(iterations, () => session.Run(feed));
        using var prepared = session.Prepare(feed);
        var preparedRun = Time(iterations, () => prepared.RunOnceTicks());
        return new { name, run, preparedRun };
    }

    private static object Time(int iterations, Action call)
    {
        for (var i = 0; i < Math.Min(100, iterations); i++)
        {
            call();
        }

        var ticks = new long[iterations];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Array.Sort(ticks);
        double Micros(long t) => Math.Round(t * 1e6 / Stopwatch.Frequency, 2);
        return new { medianMicros = Micros(ticks[iterations / 2]), p90Micros = Micros(ticks[(int)(iterations * 0.9)]), bytesPerCall = allocated / iterations };
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
