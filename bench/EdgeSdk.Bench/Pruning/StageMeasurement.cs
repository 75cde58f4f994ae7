// Measures one pipeline stage's model: latency at a fixed batch in ONNX Runtime (one thread by default),
// parameters and MACs per sample (the evaluator's static analysis, so quantized QDQ graphs count too),
// file size and top-1 accuracy on the test split.
using System.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Pruning;

/// <summary>One stage's figures.</summary>
internal sealed record StageFigures(
    string Stage,
    string Status,
    double? MedianMsAtBatch,
    double? SpeedupVsReference,
    long Parameters,
    long Macs,
    long FileBytes,
    double? Accuracy,
    IReadOnlyList<string> Summary);

/// <summary>Measures models for the pruning benchmark.</summary>
internal static class StageMeasurement
{
    /// <summary>Builds a stage's figures with a latency measured elsewhere (interleaved with the other stages).</summary>
    public static StageFigures WithLatency(string stage, ModelGraph graph, InMemoryDataSet test, double medianMs, double? referenceMs, IReadOnlyList<string> summary)
    {
        var bytes = ModelFile.ToBytes(graph.Model);
        using var session = InferenceSession.FromBytes(bytes);
        var shapes = StaticShapes.Infer(graph).ToDictionary(kv => kv.Key, kv => new ValueShape(TensorElementType.Float, kv.Value), StringComparer.Ordinal);
        var analysis = StaticAnalyzer.Analyze(graph, shapes, 1);
        return new StageFigures(stage, "measured", medianMs, referenceMs is { } r ? Math.Round(r / medianMs, 2) : null, analysis.Parameters, analysis.Macs, bytes.Length, Accuracy(session, session.Inputs[0].Name, test), summary);
    }

    /// <summary>Measures <paramref name="graph"/> on <paramref name="test"/> (labels required).</summary>
    public static StageFigures Measure(string stage, ModelGraph graph, InMemoryDataSet test, int batch, int threads, int runs, double? referenceMs, IReadOnlyList<string> summary)
    {
        var bytes = ModelFile.ToBytes(graph.Model);
        using var session = InferenceSession.FromBytes(bytes, new SessionOptions { IntraOpThreads = threads });
        var inputName = session.Inputs[0].Name;
        var feed = new Dictionary<string, Tensor> { [inputName] = test.Inputs.Values.First().SliceRows(0, batch) };
        using var prepared = session.Prepare(feed);
        var ticks = prepared.Measure(warmup: Math.Max(5, runs / 5), iterations: runs).Order().ToArray();
        var medianMs = ticks[ticks.Length / 2] * 1000.0 / Stopwatch.Frequency;
        var shapes = StaticShapes.Infer(graph).ToDictionary(kv => kv.Key, kv => new ValueShape(TensorElementType.Float, kv.Value), StringComparer.Ordinal);
        var analysis = StaticAnalyzer.Analyze(graph, shapes, 1);
        return new StageFigures(
            stage,
            "measured",
            Math.Round(medianMs, 3),
            referenceMs is { } r ? Math.Round(r / medianMs, 2) : null,
            analysis.Parameters,
            analysis.Macs,
            bytes.Length,
            Accuracy(session, inputName, test),
            summary);
    }

    /// <summary>Top-1 accuracy of a session on a labeled set.</summary>
    public static double Accuracy(InferenceSession session, string inputName, InMemoryDataSet test)
    {
        long correct = 0, total = 0;
        foreach (var batch in test.Batches(100))
        {
            var logits = session.Run(new Dictionary<string, Tensor> { [inputName] = batch.Inputs.Values.First() }).Values.First();
            var classes = (int)logits.Shape[^1];
            var values = logits.AsFloat();
            var labels = batch.Labels!.Data;
            for (var i = 0; i < batch.Count; i++)
            {
                var best = 0;
                for (var c = 1; c < classes; c++)
                {
                    if (values[(i * classes) + c] > values[(i * classes) + best])
                    {
                        best = c;
                    }
                }

                correct += Convert.ToInt64(labels.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) == best ? 1 : 0;
                total++;
            }
        }

        return Math.Round((double)correct / total, 4);
    }
}
