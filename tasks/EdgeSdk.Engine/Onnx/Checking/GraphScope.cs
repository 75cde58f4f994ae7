// One graph-like body the checker walks: the main graph, a nested graph of an If/Loop/Scan attribute, a
// training graph or a function body, with the names it defines itself and the names visible from
// enclosing graphs.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Nodes plus the names a body defines (inputs, initializers) and must provide (outputs).</summary>
internal sealed record GraphScope(
    string Label,
    IReadOnlyList<NodeProto> Nodes,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Initializers,
    IReadOnlyList<string> Outputs,
    IReadOnlySet<string> OuterNames)
{
    /// <summary>Creates the scope of a graph.</summary>
    public static GraphScope Of(GraphProto graph, string label, IReadOnlySet<string> outerNames) => new(
        label,
        graph.Node,
        graph.Input.Select(i => i.Name).ToArray(),
        graph.Initializer.Select(t => t.Name).Concat(graph.SparseInitializer.Select(s => s.Values?.Name ?? string.Empty)).ToArray(),
        graph.Output.Select(o => o.Name).ToArray(),
        outerNames);

    /// <summary>Creates the scope of a function body.</summary>
    public static GraphScope Of(FunctionProto function) => new(
        $"function '{function.Domain}.{function.Name}'",
        function.Node,
        function.Input.ToArray(),
        [],
        function.Output.ToArray(),
        new HashSet<string>(StringComparer.Ordinal));

    /// <summary>Gets every name this body defines or can see (for its nested graphs).</summary>
    public HashSet<string> VisibleNames()
    {
        var names = new HashSet<string>(OuterNames, StringComparer.Ordinal);
        names.UnionWith(Inputs);
        names.UnionWith(Initializers);
        names.UnionWith(Nodes.SelectMany(n => n.Output).Where(o => o.Length > 0));
        return names;
    }
}
