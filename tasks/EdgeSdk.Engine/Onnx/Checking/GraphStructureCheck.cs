// Structural checks of one graph body and, recursively, its nested graphs: values read but never defined
// (dangling inputs, unproduced outputs), names defined twice, cycles, node order, missing op types.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Checks names, definitions and ordering inside a graph body.</summary>
internal static class GraphStructureCheck
{
    /// <summary>Checks <paramref name="scope"/> and its nested graphs, adding findings to <paramref name="sink"/>.</summary>
    public static void Check(GraphScope scope, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        var defined = CheckDefinitions(scope, sink, location);
        CheckReads(scope, defined, sink, location);
        CheckOrder(scope, sink, location);
        var visible = scope.VisibleNames();
        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            var node = scope.Nodes[i];
            foreach (var attr in node.Attribute)
            {
                foreach (var g in attr.G is null ? attr.Graphs : attr.Graphs.Prepend(attr.G))
                {
                    var label = $"graph '{g.Name}' (attribute '{attr.Name}' of {CheckedNode.Describe(node, i, scope.Label)})";
                    Check(GraphScope.Of(g, label, visible), sink, location);
                }
            }
        }
    }

    private static HashSet<string> CheckDefinitions(GraphScope scope, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        var where = scope.Label.Length > 0 ? $" in {scope.Label}" : string.Empty;
        var defined = new Dictionary<string, string>(StringComparer.Ordinal);
        var initializers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in scope.Initializers)
        {
            if (name.Length == 0)
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MissingName, $"An initializer{where} has no name. Give every initializer a unique name.", location));
            }
            else if (!initializers.Add(name))
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.DuplicateValueName, $"Two initializers{where} are named '{name}'. Rename one of them.", location));
            }
            else
            {
                defined[name] = "an initializer";
            }
        }

        var inputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in scope.Inputs)
        {
            if (!inputs.Add(name))
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.DuplicateValueName, $"The graph input '{name}'{where} is listed twice. Remove the duplicate.", location));
            }

            // Before IR 4 initializers were also listed as graph inputs; that pairing is allowed.
            defined.TryAdd(name, "a graph input");
        }

        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            var node = scope.Nodes[i];
            var who = CheckedNode.Describe(node, i, scope.Label);
            if (node.OpType.Length == 0)
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MissingName, $"{Capitalize(who)} has no op_type. Set the operator type of the node.", location));
            }

            CheckAttributes(node, who, sink, location);
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                if (defined.TryGetValue(output, out var previous))
                {
                    sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.DuplicateValueName, $"{Capitalize(who)} produces '{output}', which is already defined by {previous}. Every value must have exactly one definition: rename one of them.", location));
                }
                else
                {
                    defined[output] = who;
                }
            }
        }

        return new HashSet<string>(defined.Keys, StringComparer.Ordinal);
    }

    private static void CheckAttributes(NodeProto node, string who, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attr in node.Attribute)
        {
            if (attr.Name.Length == 0)
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.AttributeInvalid, $"{Capitalize(who)} has an attribute without a name. Name every attribute.", location));
            }
            else if (!names.Add(attr.Name))
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.AttributeInvalid, $"{Capitalize(who)} sets the attribute '{attr.Name}' twice. Keep one.", location));
            }

            if (attr.Type == AttributeProto.Types.AttributeType.Undefined && attr.RefAttrName.Length == 0)
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.AttributeInvalid, $"{Capitalize(who)} has the attribute '{attr.Name}' without a type (required since IR version 2). Set its type to match its value.", location));
            }
        }
    }

    private static void CheckReads(GraphScope scope, HashSet<string> defined, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            var node = scope.Nodes[i];
            foreach (var input in node.Input.Where(x => x.Length > 0).Distinct())
            {
                if (!defined.Contains(input) && !scope.OuterNames.Contains(input))
                {
                    sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.DanglingInput, $"{Capitalize(CheckedNode.Describe(node, i, scope.Label))} reads '{input}', which no node, graph input or initializer provides. Connect it to a producer, add it as a graph input or initializer, or remove the node.", location));
                }
            }
        }

        var where = scope.Label.Length > 0 ? $" of {scope.Label}" : string.Empty;
        foreach (var output in scope.Outputs)
        {
            if (!defined.Contains(output) && !scope.OuterNames.Contains(output))
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.OutputNotProduced, $"The graph output '{output}'{where} is not produced by any node, input or initializer. Remove the output or connect it to a producer.", location));
            }
        }
    }

    private static void CheckOrder(GraphScope scope, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        var producerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            foreach (var o in scope.Nodes[i].Output.Where(o => o.Length > 0))
            {
                producerIndex.TryAdd(o, i);
            }
        }

        var predecessors = scope.Nodes.Select(n => ModelGraph.AllInputsIncludingSubgraphs(n).Where(producerIndex.ContainsKey).Select(x => producerIndex[x]).Distinct().ToArray()).ToArray();
        if (FindCycle(predecessors) is { } cycle)
        {
            var members = string.Join(" -> ", cycle.Select(i => CheckedNode.Describe(scope.Nodes[i], i, string.Empty)));
            var where = scope.Label.Length > 0 ? $" in {scope.Label}" : string.Empty;
            sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.GraphCycle, $"The graph{where} has a cycle: {members}. A node's output must not feed back into its own inputs; break the cycle.", location));
            return;
        }

        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            if (predecessors[i].FirstOrDefault(p => p > i, -1) is var later and >= 0)
            {
                sink.Add(EdgeDiagnostic.Warning(DiagnosticCatalog.Onnx.NotTopologicallySorted, $"{Capitalize(CheckedNode.Describe(scope.Nodes[i], i, scope.Label))} reads a value produced later by {CheckedNode.Describe(scope.Nodes[later], later, string.Empty)}. ONNX requires nodes in topological order; re-save the model sorted (EdgeSdk passes do this).", location));
                return;
            }
        }
    }

    /// <summary>Returns the node indices of one cycle (in dependency order), or null when the graph is acyclic.</summary>
    private static int[]? FindCycle(int[][] predecessors)
    {
        var n = predecessors.Length;
        var remaining = new bool[n];
        Array.Fill(remaining, true);
        var indegree = predecessors.Select(p => p.Length).ToArray();
        var successors = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            foreach (var p in predecessors[i])
            {
                successors[p].Add(i);
            }
        }

        var queue = new Queue<int>(Enumerable.Range(0, n).Where(i => indegree[i] == 0));
        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            remaining[i] = false;
            foreach (var s in successors[i])
            {
                if (--indegree[s] == 0)
                {
                    queue.Enqueue(s);
                }
            }
        }

        var start = Array.IndexOf(remaining, true);
        if (start < 0)
        {
            return null;
        }

        // Every remaining node has a remaining predecessor, so walking predecessors must revisit a node.
        var path = new List<int>();
        var seenAt = new Dictionary<int, int>();
        var current = start;
        while (!seenAt.ContainsKey(current))
        {
            seenAt[current] = path.Count;
            path.Add(current);
            current = predecessors[current].First(p => remaining[p]);
        }

        var cycle = path.Skip(seenAt[current]).ToList();
        cycle.Reverse();
        return [.. cycle];
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
