// IModelRunner over the EdgeSdk ONNX Runtime binding: one session per model, runs with named tensors,
// and timed repetitions through the binding's PreparedRun (pinned inputs, no per-run allocation).
using EdgeSdk.Onnx;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Runs models with ONNX Runtime.</summary>
internal sealed class OrtModelRunner : IModelRunner
{
    private readonly InferenceSession _session;

    private OrtModelRunner(InferenceSession session) => _session = session;

    /// <inheritdoc/>
    public IReadOnlyList<string> InputNames => _session.Inputs.Select(i => i.Name).ToList();

    /// <inheritdoc/>
    public IReadOnlyList<string> OutputNames => _session.Outputs.Select(o => o.Name).ToList();

    /// <summary>Creates a runner for <paramref name="model"/> with the given intra-op thread count.</summary>
    public static IModelRunner Create(ModelGraph model, int threads) =>
        new OrtModelRunner(InferenceSession.FromModel(model.Model, new SessionOptions { IntraOpThreads = Math.Max(1, threads) }));

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
        public void RunOnce() => run.RunOnceTicks();

        public void Dispose() => run.Dispose();
    }
}
