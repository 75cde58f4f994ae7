// Times several models in interleaved rounds (A B C … A B C …) on one input, so a load change on the
// shared machine hits every model alike and the speed-up ratios stay meaningful.
using System.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Pruning;

/// <summary>Median latency of several models measured round-robin.</summary>
internal static class InterleavedLatency
{
    /// <summary>Returns each model's median milliseconds over <paramref name="rounds"/> rounds of <paramref name="runsPerRound"/> runs.</summary>
    public static double[] Measure(IReadOnlyList<ModelGraph> models, Tensor input, int threads, int rounds, int runsPerRound)
    {
        var sessions = models.Select(m => InferenceSession.FromBytes(ModelFile.ToBytes(m.Model), new SessionOptions { IntraOpThreads = threads })).ToList();
        try
        {
            var prepared = sessions.Select(s => s.Prepare(new Dictionary<string, Tensor> { [s.Inputs[0].Name] = input })).ToList();
            var samples = models.Select(_ => new List<long>()).ToList();
            foreach (var p in prepared)
            {
                p.Measure(warmup: 10, iterations: 1);
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < prepared.Count; i++)
                {
                    samples[i].AddRange(prepared[i].Measure(warmup: 1, iterations: runsPerRound));
                }
            }

            foreach (var p in prepared)
            {
                p.Dispose();
            }

            return samples.Select(s => Math.Round(s.Order().ElementAt(s.Count / 2) * 1000.0 / Stopwatch.Frequency, 3)).ToArray();
        }
        finally
        {
            foreach (var s in sessions)
            {
                s.Dispose();
            }
        }
    }
}
