// What the host-latency decision measures, behind an interface so that its rules can be tested with
// chosen times (tests never gate on milliseconds): per-layer kernel times of the float and the int8 model
// from ONNX Runtime's per-node profiles, taken in alternating rounds of both sessions so that drift on a
// shared machine hits both alike; and whole-model latency of several variants through the interleaved
// latency runner evaluation uses.
using System.Diagnostics;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>How the host-latency decision times models.</summary>
/// <param name="Inputs">The feeds (one batch of <paramref name="Batch"/> samples).</param>
/// <param name="Batch">Samples per run.</param>
/// <param name="Threads">ONNX Runtime intra-op threads.</param>
/// <param name="WorkDirectory">Where profile files may be written (removed after reading).</param>
/// <param name="Progress">Progress sink.</param>
/// <param name="Cancellation">Cancellation.</param>
internal sealed record HostTimingSettings(IReadOnlyDictionary<string, Tensor> Inputs, int Batch, int Threads, string WorkDirectory, IProgress<ProgressUpdate>? Progress = null, CancellationToken Cancellation = default);

/// <summary>Per-layer times (milliseconds per run) of one model, with what no layer claims.</summary>
/// <param name="Layers">Layer (source node name) to its kernel time per run.</param>
/// <param name="RestMs">Time of profiled nodes that belong to no layer (Q/DQ at borders, layout reorders, data movement).</param>
/// <param name="Unattributed">Names of those nodes.</param>
internal sealed record ModelLayerTimes(IReadOnlyDictionary<string, double> Layers, double RestMs, IReadOnlyList<string> Unattributed);

/// <summary>Per-layer times of the float and the int8 model, measured in the same rounds.</summary>
/// <param name="Float">The float model's times.</param>
/// <param name="Int8">The int8 model's times.</param>
/// <param name="Rounds">Alternating rounds timed.</param>
/// <param name="RunsPerModel">Timed runs per model (warm-up excluded).</param>
internal sealed record LayerTimings(ModelLayerTimes Float, ModelLayerTimes Int8, int Rounds, int RunsPerModel);

/// <summary>Times models on the build host.</summary>
internal interface IHostLatencyTimer
{
    /// <summary>Times <paramref name="layers"/> in <paramref name="floatModel"/> and in <paramref name="int8Model"/> (both keep the layers' node names), interleaved.</summary>
    LayerTimings TimeLayers(ModelGraph floatModel, ModelGraph int8Model, IReadOnlyList<string> layers, HostTimingSettings settings);

    /// <summary>Returns the p50 latency (ms) of each of <paramref name="models"/>, each measured interleaved with the first (the reference), scaled to the reference's mean p50.</summary>
    IReadOnlyList<double> TimeModels(IReadOnlyList<ModelGraph> models, HostTimingSettings settings);
}

/// <summary>Times models with ONNX Runtime on this machine.</summary>
internal sealed class OrtHostLatencyTimer : IHostLatencyTimer
{
    /// <summary>Warm-up runs per model (the profile's first runs of each node are skipped).</summary>
    public const int Warmup = 5;

    /// <summary>Alternating rounds of the per-layer profile.</summary>
    public const int Rounds = 10;

    private const double ProfileSeconds = 2.0;
    private const double WholeModelSeconds = 3.0;

    /// <inheritdoc/>
    public LayerTimings TimeLayers(ModelGraph floatModel, ModelGraph int8Model, IReadOnlyList<string> layers, HostTimingSettings settings)
    {
        var dir = Path.Combine(settings.WorkDirectory, "host-latency-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            string floatProfile, int8Profile;
            int perRound;
            using (var floatSession = Session(floatModel, settings, Path.Combine(dir, "float")))
            using (var int8Session = Session(int8Model, settings, Path.Combine(dir, "int8")))
            using (var floatRun = floatSession.Prepare(Feed(floatSession, settings)))
            using (var int8Run = int8Session.Prepare(Feed(int8Session, settings)))
            {
                var clock = Stopwatch.StartNew();
                for (var w = 0; w < Warmup; w++)
                {
                    settings.Cancellation.ThrowIfCancellationRequested();
                    floatRun.RunOnce();
                    int8Run.RunOnce();
                }

                var perPairSeconds = Math.Max(1e-6, clock.Elapsed.TotalSeconds / Warmup);
                perRound = Math.Clamp((int)(ProfileSeconds / perPairSeconds / Rounds), 2, 20);
                for (var r = 0; r < Rounds; r++)
                {
                    settings.Progress?.Report(new ProgressUpdate("host latency: per-layer profile", r, Rounds));
                    var first = r % 2 == 0 ? floatRun : int8Run;
                    var second = r % 2 == 0 ? int8Run : floatRun;
                    for (var i = 0; i < perRound; i++)
                    {
                        settings.Cancellation.ThrowIfCancellationRequested();
                        first.RunOnce();
                    }

                    for (var i = 0; i < perRound; i++)
                    {
                        settings.Cancellation.ThrowIfCancellationRequested();
                        second.RunOnce();
                    }
                }

                floatProfile = floatSession.EndProfiling();
                int8Profile = int8Session.EndProfiling();
            }

            return new LayerTimings(Read(floatProfile, floatModel, layers), Read(int8Profile, int8Model, layers), Rounds, Rounds * perRound);
        }
        finally
        {
            TryDelete(dir);
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Pairs, not one interleaved set: the runner alternates the order of its models each round, so the first
    /// and the last model get twice as long an uninterrupted block at every round boundary, which on models of a
    /// few microseconds biases them by tens of percent. In a pair both models are at an end, alike.
    /// </remarks>
    public IReadOnlyList<double> TimeModels(IReadOnlyList<ModelGraph> models, HostTimingSettings settings)
    {
        if (models.Count <= 2)
        {
            return TimeTogether(models, settings, WholeModelSeconds);
        }

        var pairs = models.Skip(1).Select(m => TimeTogether([models[0], m], settings, WholeModelSeconds / (models.Count - 1))).ToList();
        var reference = pairs.Average(p => p[0]);
        return [reference, .. pairs.Select(p => reference * p[1] / p[0])];
    }

    private static IReadOnlyList<double> TimeTogether(IReadOnlyList<ModelGraph> models, HostTimingSettings settings, double seconds)
    {
        var runners = new List<OrtModelRunner>();
        var runs = new List<IRepeatedRun>();
        try
        {
            foreach (var model in models)
            {
                var runner = OrtModelRunner.Create(model, settings.Threads);
                runners.Add(runner);
                runs.Add(runner.PrepareRepeated(settings.Inputs.Where(p => runner.InputNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)));
            }

            var clock = Stopwatch.StartNew();
            foreach (var run in runs)
            {
                run.RunOnce();
            }

            var perSet = Math.Max(1e-6, clock.Elapsed.TotalSeconds);
            var count = Math.Clamp((int)(seconds / perSet), 40, 400);
            var measured = InterleavedLatencyRunner.Measure(runs, new EvaluationSettings { Warmup = Warmup, Runs = count, Batch = settings.Batch, Threads = settings.Threads }, null, settings.Progress, settings.Cancellation);
            return measured.Stages.Select(s => s.P50Ms).ToList();
        }
        finally
        {
            foreach (var run in runs)
            {
                run.Dispose();
            }

            foreach (var runner in runners)
            {
                runner.Dispose();
            }
        }
    }

    private static InferenceSession Session(ModelGraph model, HostTimingSettings settings, string profilePrefix) =>
        InferenceSession.FromModel(model.Model, new SessionOptions { IntraOpThreads = Math.Max(1, settings.Threads), InterOpThreads = 1, ProfilingFilePrefix = profilePrefix });

    private static Dictionary<string, Tensor> Feed(InferenceSession session, HostTimingSettings settings) =>
        session.Inputs.Where(i => settings.Inputs.ContainsKey(i.Name)).ToDictionary(i => i.Name, i => settings.Inputs[i.Name], StringComparer.Ordinal);

    private static ModelLayerTimes Read(string profilePath, ModelGraph model, IReadOnlyList<string> layers)
    {
        var nodes = OrtProfile.NodeTimes(File.ReadAllText(profilePath), Warmup);
        var map = new ProfileNodeMap(model, layers);
        var (byLayer, rest, unattributed) = map.Attribute(nodes.ToDictionary(p => p.Key, p => OrtProfile.RobustMeanMs(p.Value), StringComparer.Ordinal));
        return new ModelLayerTimes(byLayer, rest, unattributed);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
