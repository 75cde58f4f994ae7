// A mutable view over a model's main graph: nodes, initializers, graph inputs/outputs, producer and
// consumer lookup and topological order. Passes edit the protobuf objects through this view; lookups
// are rebuilt lazily after an edit, so a pass never works from a stale map.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx;

/// <summary>A mutable, indexed view of an ONNX model's main graph.</summary>
internal sealed class ModelGraph
{
    private Dictionary<string, NodeProto>? _producers;
    private Dictionary<string, List<NodeProto>>? _consumers;
    private Dictionary<string, TensorProto>? _initializers;
    private int _nameCounter;

    /// <summary>Wraps a model (the view edits the model in place).</summary>
    public ModelGraph(ModelProto model)
    {
        Model = model;
        if (model.Graph is null)
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.MalformedModel, "The model has no graph.");
        }
    }

    /// <summary>Gets the underlying model.</summary>
    public ModelProto Model { get; }

    /// <summary>Gets the main graph.</summary>
    public GraphProto Graph => Model.Graph;

    /// <summary>Gets the nodes in file order (topological for valid models).</summary>
    public IList<NodeProto> Nodes => Graph.Node;

    /// <summary>Gets the initializers by name.</summary>
    public IReadOnlyDictionary<string, TensorProto> Initializers => _initializers ??= Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Gets the ai.onnx opset version the model imports (0 when absent).</summary>
    public long OpsetVersion => Model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;

    /// <summary>Loads a model file into a graph view.</summary>
    public static ModelGraph Load(string path) => new(ModelFile.Load(path));

    /// <summary>Creates a deep copy (the copy is independent of this view).</summary>
    public ModelGraph Clone() => new(Model.Clone());

    /// <summary>Marks lookups stale after direct edits to the protobuf objects.</summary>
    public void Invalidate()
    {
        _producers = null;
        _consumers = null;
        _initializers = null;
    }

    /// <summary>Returns the node that produces <paramref name="value"/>, or null for graph inputs, initializers and unknown names.</summary>
    public NodeProto? Producer(string value)
    {
        EnsureMaps();
        return _producers!.GetValueOrDefault(value);
    }

    /// <summary>Returns the nodes that read <paramref name="value"/> (empty when none).</summary>
    public IReadOnlyList<NodeProto> Consumers(string value)
    {
        EnsureMaps();
        return _consumers!.TryGetValue(value, out var list) ? list : [];
    }

    /// <summary>Returns whether <paramref name="value"/> is one of the graph's outputs.</summary>
    public bool IsGraphOutput(string value) => Graph.Output.Any(o => o.Name == value);

    /// <summary>Returns whether <paramref name="value"/> is a graph input that is not an initializer.</summary>
    public bool IsGraphInput(string value) => Graph.Input.Any(i => i.Name == value) && !Initializers.ContainsKey(value);

    /// <summary>Gets the graph inputs that are not initializers (the model's real inputs).</summary>
    public IEnumerable<ValueInfoProto> RealInputs => Graph.Input.Where(i => !Initializers.ContainsKey(i.Name));

    /// <summary>Gets an initializer by name, or null.</summary>
    public TensorProto? GetInitializer(string name) => Initializers.GetValueOrDefault(name);

    /// <summary>Adds or replaces an initializer.</summary>
    public void SetInitializer(TensorProto tensor)
    {
        var existing = Graph.Initializer.FirstOrDefault(t => t.Name == tensor.Name);
        if (existing is not null)
        {
            Graph.Initializer[Graph.Initializer.IndexOf(existing)] = tensor;
        }
        else
        {
            Graph.Initializer.Add(tensor);
        }

        _initializers = null;
    }

    /// <summary>Adds a float initializer with a name not used yet (based on <paramref name="prefix"/>) and returns its name.</summary>
    public string AddInitializer(string prefix, Tensor tensor)
    {
        var name = UniqueName(prefix);
        SetInitializer(TensorProtoConverter.FromTensor(name, tensor));
        return name;
    }

    /// <summary>Removes an initializer (and its graph-input entry, for IR &lt; 4 models that list it).</summary>
    public void RemoveInitializer(string name)
    {
        var t = Graph.Initializer.FirstOrDefault(x => x.Name == name);
        if (t is not null)
        {
            Graph.Initializer.Remove(t);
        }

        var input = Graph.Input.FirstOrDefault(x => x.Name == name);
        if (input is not null)
        {
            Graph.Input.Remove(input);
        }

        _initializers = null;
    }

    /// <summary>Removes a node.</summary>
    public void RemoveNode(NodeProto node)
    {
        Graph.Node.Remove(node);
        Invalidate();
    }

    /// <summary>Inserts a node at the given index of the node list.</summary>
    public void InsertNode(int index, NodeProto node)
    {
        Graph.Node.Insert(index, node);
        Invalidate();
    }

    /// <summary>Appends a node.</summary>
    public void AddNode(NodeProto node)
    {
        Graph.Node.Add(node);
        Invalidate();
    }

    /// <summary>Rewires every reader of <paramref name="oldName"/> (nodes, nested-graph captures excluded) to read <paramref name="newName"/>; graph outputs are renamed too.</summary>
    public void ReplaceAllUses(string oldName, string newName)
    {
        foreach (var node in Graph.Node)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (node.Input[i] == oldName)
                {
                    node.Input[i] = newName;
                }
            }
        }

        Invalidate();
    }

    /// <summary>Removes initializers no node or subgraph reads.</summary>
    public int RemoveUnusedInitializers()
    {
        var used = new HashSet<string>(Graph.Node.SelectMany(AllInputsIncludingSubgraphs), StringComparer.Ordinal);
        foreach (var o in Graph.Output)
        {
            used.Add(o.Name);
        }

        var unused = Graph.Initializer.Where(t => !used.Contains(t.Name)).Select(t => t.Name).ToList();
        foreach (var name in unused)
        {
            RemoveInitializer(name);
        }

        return unused.Count;
    }

    /// <summary>Returns a value name that no node, initializer or graph input/output uses yet.</summary>
    public string UniqueName(string prefix)
    {
        var taken = new HashSet<string>(Graph.Node.SelectMany(n => n.Output.Concat(n.Input)), StringComparer.Ordinal);
        taken.UnionWith(Graph.Initializer.Select(t => t.Name));
        taken.UnionWith(Graph.Input.Select(t => t.Name));
        taken.UnionWith(Graph.Output.Select(t => t.Name));
        taken.UnionWith(Graph.Node.Select(n => n.Name));
        if (!taken.Contains(prefix))
        {
            return prefix;
        }

        string name;
        do
        {
            name = $"{prefix}_{++_nameCounter}";
        }
        while (taken.Contains(name));
        return name;
    }

    /// <summary>Returns the nodes in a topological order (stable: ties keep file order). Throws when the graph has a cycle.</summary>
    public IReadOnlyList<NodeProto> TopologicalOrder()
    {
        var available = new HashSet<string>(Graph.Input.Select(i => i.Name), StringComparer.Ordinal) { string.Empty };
        available.UnionWith(Graph.Initializer.Select(t => t.Name));
        available.UnionWith(Graph.SparseInitializer.Select(t => t.Values?.Name ?? string.Empty));
        var produced = new HashSet<string>(Graph.Node.SelectMany(n => n.Output), StringComparer.Ordinal);
        var pending = Graph.Node.ToList();
        var order = new List<NodeProto>(pending.Count);
        while (pending.Count > 0)
        {
            var progressed = false;
            for (var i = 0; i < pending.Count; i++)
            {
                var node = pending[i];
                if (AllInputsIncludingSubgraphs(node).All(x => available.Contains(x) || !produced.Contains(x)))
                {
                    order.Add(node);
                    available.UnionWith(node.Output);
                    pending.RemoveAt(i);
                    i--;
                    progressed = true;
                }
            }

            if (!progressed)
            {
                throw new EdgeException(DiagnosticCatalog.Onnx.MalformedModel, $"The graph has a cycle through node '{pending[0].Name}' ({pending[0].OpType}).");
            }
        }

        return order;
    }

    /// <summary>Reorders the node list topologically (after a pass inserted nodes out of order).</summary>
    public void SortTopologically()
    {
        var order = TopologicalOrder();
        Graph.Node.Clear();
        Graph.Node.AddRange(order);
        Invalidate();
    }

    /// <summary>Counts nodes by operator type.</summary>
    public SortedDictionary<string, int> OpCounts()
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in Graph.Node)
        {
            var key = string.IsNullOrEmpty(n.Domain) || n.Domain == "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}";
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return counts;
    }

    /// <summary>Returns the node's inputs plus the outer-scope values its subgraphs read.</summary>
    public static IEnumerable<string> AllInputsIncludingSubgraphs(NodeProto node)
    {
        foreach (var i in node.Input)
        {
            yield return i;
        }

        foreach (var attr in node.Attribute)
        {
            foreach (var g in attr.G is null ? attr.Graphs : attr.Graphs.Append(attr.G))
            {
                var local = new HashSet<string>(g.Input.Select(x => x.Name).Concat(g.Initializer.Select(x => x.Name)).Concat(g.Node.SelectMany(n => n.Output)), StringComparer.Ordinal);
                foreach (var inner in g.Node.SelectMany(AllInputsIncludingSubgraphs))
                {
                    if (!local.Contains(inner))
                    {
                        yield return inner;
                    }
                }
            }
        }
    }

    private void EnsureMaps()
    {
        if (_producers is not null && _consumers is not null)
        {
            return;
        }

        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in Graph.Node)
        {
            foreach (var o in node.Output)
            {
                if (o.Length > 0)
                {
                    producers[o] = node;
                }
            }

            foreach (var i in AllInputsIncludingSubgraphs(node).Distinct())
            {
                if (i.Length == 0)
                {
                    continue;
                }

                if (!consumers.TryGetValue(i, out var list))
                {
                    consumers[i] = list = [];
                }

                list.Add(node);
            }
        }

        _producers = producers;
        _consumers = consumers;
    }
}
