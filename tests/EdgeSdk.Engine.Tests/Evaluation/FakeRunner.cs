// An IModelRunner without native code: every output is the model's first input, so a data set of
// logits "evaluates" to those logits. Lets the evaluator's flow be tested against reference metrics.
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Evaluation;

internal sealed class FakeRunner(ModelGraph model, Func<Tensor, Tensor>? transform = null) : IModelRunner
{
    public int Runs { get; private set; }

    public IReadOnlyList<string> InputNames { get; } = model.RealInputs.Select(i => i.Name).ToList();

    public IReadOnlyList<string> OutputNames { get; } = model.Graph.Output.Select(o => o.Name).ToList();

    public IReadOnlyList<Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        Runs++;
        var x = inputs[InputNames[0]];
        return (outputs ?? OutputNames).Select(_ => transform?.Invoke(x) ?? x).ToList();
    }

    public IRepeatedRun PrepareRepeated(IReadOnlyDictionary<string, Tensor> inputs) => new Repeated(this, inputs);

    public void Dispose()
    {
    }

    private sealed class Repeated(FakeRunner runner, IReadOnlyDictionary<string, Tensor> inputs) : IRepeatedRun
    {
        public TimeSpan RunOnce()
        {
            runner.Run(inputs);
            return TimeSpan.FromMilliseconds(1);
        }

        public void Dispose()
        {
        }
    }
}
