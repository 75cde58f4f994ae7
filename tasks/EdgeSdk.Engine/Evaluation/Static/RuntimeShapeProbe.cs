// Finds the concrete shape of every intermediate value by running the model once with all of them
// exposed as graph outputs, at the evaluated batch size. Used for static analysis when shape inference
// cannot resolve a value; the probe's outputs are shapes only, its values are discarded.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Measures value shapes by a probing run.</summary>
internal static class RuntimeShapeProbe
{
    /// <summary>Runs a copy of <paramref name="model"/> exposing every node output and returns each value's shape.</summary>
    public static Dictionary<string, ValueShape> Probe(ModelGraph model, Func<ModelGraph, IModelRunner> runnerFactory, IReadOnlyDictionary<string, Tensor> feeds)
    {
        var probe = model.Clone();
        var exposed = new HashSet<string>(probe.Graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        foreach (var node in probe.Graph.Node)
        {
            foreach (var output in node.Output.Where(o => o.Length > 0 && exposed.Add(o)))
            {
                probe.Graph.Output.Add(new ValueInfoProto { Name = output });
            }
        }

        probe.Invalidate();
        using var runner = runnerFactory(probe);
        var names = runner.OutputNames;
        var values = runner.Run(feeds, names);
        var shapes = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            shapes[names[i]] = new ValueShape(values[i].ElementType, values[i].Shape);
        }

        foreach (var (name, tensor) in feeds)
        {
            shapes[name] = new ValueShape(tensor.ElementType, tensor.Shape);
        }

        return shapes;
    }
}
