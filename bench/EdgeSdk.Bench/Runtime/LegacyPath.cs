// The pre-#12 binding (bench/EdgeSdk.Bench/Runtime/Legacy: the hand-written ORT C-API binding EdgeSdk used
// before Microsoft.ML.OnnxRuntime.Managed, restored from f4e5b86, renamed namespace), loaded on the same native
// library as the managed package so the benchmark compares only the managed layers. Benchmark baseline only.
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime;

/// <summary>Runs a model through the legacy binding.</summary>
internal sealed class LegacyPath : IDisposable
{
    private readonly Legacy.InferenceSession session;
    private readonly Legacy.PreparedRun prepared;
    private readonly Dictionary<string, Tensor> feed;

    private LegacyPath(byte[] model, Dictionary<string, Tensor> feed)
    {
        this.feed = feed;
        session = Legacy.InferenceSession.FromBytes(model);
        prepared = session.Prepare(feed);
    }

    /// <summary>Creates the legacy session and prepared run for <paramref name="model"/>.</summary>
    public static LegacyPath Create(byte[] model, Dictionary<string, Tensor> feed)
    {
        // Same native file as the managed package: the ORT assembly's runtimes/<rid>/native folder.
        Environment.SetEnvironmentVariable(Legacy.OrtLibraryLocator.PathVariable, EdgeSdk.Runtime.OrtRuntime.Instance.LibraryPath);
        return new LegacyPath(model, feed);
    }

    /// <summary>One full Run call.</summary>
    public void Run() => session.Run(feed);

    /// <summary>One prepared run.</summary>
    public void RunPrepared() => prepared.RunOnceTicks();

    /// <inheritdoc/>
    public void Dispose()
    {
        prepared.Dispose();
        session.Dispose();
    }
}
