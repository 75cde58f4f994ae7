// Upgrades a model's ai.onnx opset (7 to 12) to 13, the first opset with per-axis QuantizeLinear and
// DequantizeLinear, so models exported at old opsets (paddle2onnx at 9 and 11, old tf2onnx and PyTorch
// exports) can be quantized per channel instead of being refused. Each operator is converted as the ONNX
// operator changelog describes (OperatorUpgrades); an operator it does not know is reported, naming the
// node and the opset, and the model is then left as it was. Nodes inside subgraphs (If, Loop, Scan) are
// converted too; constants the conversions need become top-level initializers, which subgraphs see.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx.Shapes;

namespace EdgeSdk.Onnx.OpsetUpgrade;

/// <summary>Rewrites a model to ai.onnx opset 13.</summary>
internal static class OpsetUpgrader
{
    /// <summary>The opset models are upgraded to.</summary>
    public const long TargetOpset = 13;

    /// <summary>The oldest ai.onnx opset the upgrader reads.</summary>
    public const long OldestOpset = 7;

    /// <summary>
    /// Upgrades <paramref name="graph"/> in place to opset <see cref="TargetOpset"/> when it imports an older ai.onnx
    /// opset. When a node cannot be converted (or the opset is older than <see cref="OldestOpset"/>) nothing changes
    /// and the result lists why.
    /// </summary>
    public static OpsetUpgradeResult Upgrade(ModelGraph graph)
    {
        var from = graph.OpsetVersion;
        var none = new SortedDictionary<string, int>(StringComparer.Ordinal);
        if (from >= TargetOpset || from == 0)
        {
            return new OpsetUpgradeResult(from, from, none, []);
        }

        if (from < OldestOpset)
        {
            return new OpsetUpgradeResult(from, from, none, [new UnconvertibleNode(string.Empty, "(model)", from, $"opsets older than {OldestOpset} are not upgraded automatically; re-export the model with opset {TargetOpset} or newer")]);
        }

        var used = new HashSet<string>(graph.Graph.Node.SelectMany(ModelGraph.AllInputsIncludingSubgraphs), StringComparer.Ordinal);
        used.UnionWith(graph.Graph.Output.Select(o => o.Name));
        var problems = new List<UnconvertibleNode>();
        foreach (var node in AllNodes(graph.Graph).Where(IsDefaultDomain))
        {
            if (OperatorUpgrades.Check(node, from, used) is { } reason)
            {
                problems.Add(new UnconvertibleNode(node.Name, node.OpType, from, reason));
            }
        }

        if (problems.Count > 0)
        {
            return new OpsetUpgradeResult(from, from, none, problems);
        }

        // Convert a copy, so a node refused half-way leaves the caller's model as it was.
        var work = graph.Clone();
        var context = new UpgradeContext(work, from, SafeInfer(work));
        Rewrite(context, work.Graph, problems);
        if (problems.Count > 0)
        {
            return new OpsetUpgradeResult(from, from, none, problems);
        }

        graph.Model.Graph = work.Graph;
        foreach (var import in graph.Model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx"))
        {
            import.Version = TargetOpset;
        }

        graph.Model.IrVersion = Math.Max(graph.Model.IrVersion, 7); // opset 13 needs IR 7
        graph.Invalidate();
        return new OpsetUpgradeResult(from, TargetOpset, context.Converted, []);
    }

    private static void Rewrite(UpgradeContext context, GraphProto graph, List<UnconvertibleNode> problems)
    {
        var nodes = new List<NodeProto>(graph.Node.Count);
        foreach (var node in graph.Node)
        {
            foreach (var attribute in node.Attribute)
            {
                if (attribute.G is { } g)
                {
                    Rewrite(context, g, problems);
                }

                foreach (var sub in attribute.Graphs)
                {
                    Rewrite(context, sub, problems);
                }
            }

            var op = node.OpType;
            IReadOnlyList<NodeProto>? replacement = null;
            try
            {
                replacement = IsDefaultDomain(node) ? OperatorUpgrades.Apply(context, node) : null;
            }
            catch (UpgradeRefusedException ex)
            {
                problems.Add(new UnconvertibleNode(node.Name, op, context.From, ex.Message));
            }

            if (replacement is not null)
            {
                nodes.AddRange(replacement);
                context.Count(op);
            }
            else
            {
                nodes.Add(node);
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(nodes);
    }

    private static ShapeInferenceResult? SafeInfer(ModelGraph graph)
    {
        try
        {
            return ShapeInference.Infer(graph);
        }
        catch (Exception ex) when (ex is EdgeException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            return null; // ranks stay unknown; conversions then take their shape-agnostic form
        }
    }

    private static bool IsDefaultDomain(NodeProto node) => node.Domain is "" or "ai.onnx";

    /// <summary>Returns every node of <paramref name="graph"/> and of its subgraphs.</summary>
    internal static IEnumerable<NodeProto> AllNodes(GraphProto graph)
    {
        foreach (var node in graph.Node)
        {
            yield return node;
            foreach (var attribute in node.Attribute)
            {
                var subgraphs = attribute.G is null ? attribute.Graphs : attribute.Graphs.Append(attribute.G);
                foreach (var inner in subgraphs.SelectMany(AllNodes))
                {
                    yield return inner;
                }
            }
        }
    }
}
