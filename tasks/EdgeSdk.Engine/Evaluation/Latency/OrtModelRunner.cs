// Runs models for evaluation through the project's ONNX Runtime binding: a session per model with the
// evaluated intra-op thread count, and the binding's PreparedRun (inputs bound once, outputs reused, only
// the native Run call timed) as the repeated-run primitive for latency. Sessions get the target profile's
// execution providers; each runner says which ones it runs on.
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>An <see cref="IModelRunner"/> over an ONNX Runtime <see cref="InferenceSession"/>.</summary>
internal sealed class OrtModelRunner : IModelRunner
{
    private readonly InferenceSession _session;

    private OrtModelRunner(InferenceSession session)
    {
        _session = session;
        InputNames = session.Inputs.Select(i => i.Name).ToList();
        OutputNames = session.Outputs.Select(o => o.Name).ToList();
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> InputNames { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Gets the execution providers the session runs on and the requested ones it runs without.</summary>
    public ProviderSelection Providers => _session.Providers;

    /// <summary>
    /// Creates a session for <paramref name="model"/> with <paramref name="threads"/> intra-op threads (sequential execution)
    /// on <paramref name="providers"/> (ONNX Runtime names, preferred first; null or empty: CPU).
    /// </summary>
    public static OrtModelRunner Create(ModelGraph model, int threads, IReadOnlyList<string>? providers = null) =>
        new(InferenceSession.FromModel(model.Model, new SessionOptions { IntraOpThreads = Math.Max(1, threads), InterOpThreads = 1, ExecutionProviders = providers ?? [] }));

    /// <summary>
    /// Creates the evaluator used by the pipeline: models run on ONNX Runtime with <paramref name="providers"/>;
    /// <paramref name="created"/> sees every runner the evaluator creates (to record which providers ran).
    /// </summary>
    public static ModelEvaluator CreateEvaluator(IReadOnlyList<string>? providers = null, Action<OrtModelRunner>? created = null) => new((model, threads) =>
    {
        var runner = Create(model, threads, providers);
        created?.Invoke(runner);
        return runner;
    });

    /// <inheritdoc/>
    public IReadOnlyList<Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        var names = outputs ?? OutputNames;
        var result = _session.Run(inputs, names);
        return names.Select(n => result[n]).ToList();
    }

    /// <inheritdoc/>
    public IRepeatedRun PrepareRepeated(IReadOnlyDictionary<string, Tensor> inputs) => new Repeated(_session.Prepare(inputs));

    /// <inheritdoc/>
    public void Dispose() => _session.Dispose();

    private sealed class Repeated(PreparedRun run) : IRepeatedRun
    {
        public TimeSpan RunOnce() => run.RunOnce();

        public void Dispose() => run.Dispose();
    }
}
