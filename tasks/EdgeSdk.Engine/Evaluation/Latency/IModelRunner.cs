// The one thing evaluation needs from an inference engine: run a model on named inputs, and run it
// repeatedly on fixed inputs as cheaply as possible for timing. ONNX Runtime implements it in
// OrtModelRunner; tests use a fake, so metric and latency logic is tested without native code.
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Runs one loaded model.</summary>
internal interface IModelRunner : IDisposable
{
    /// <summary>Gets the model's real input names, in declaration order.</summary>
    IReadOnlyList<string> InputNames { get; }

    /// <summary>Gets the model's output names, in declaration order.</summary>
    IReadOnlyList<string> OutputNames { get; }

    /// <summary>Runs the model and returns the requested outputs (all outputs when <paramref name="outputs"/> is null), in that order.</summary>
    IReadOnlyList<Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputs = null);

    /// <summary>Prepares a run on fixed inputs that can be repeated with as little per-run overhead as the engine allows; the action runs the model once.</summary>
    IRepeatedRun PrepareRepeated(IReadOnlyDictionary<string, Tensor> inputs);
}

/// <summary>A prepared run on fixed inputs, executed many times for timing.</summary>
internal interface IRepeatedRun : IDisposable
{
    /// <summary>Runs the model once and returns the wall time of the run itself (input binding excluded).</summary>
    TimeSpan RunOnce();
}
