// ONNX leaves node names optional (onnx.helper.make_node gives none, and several exporters repeat names),
// but passes key their plans by node name. Before a pass runs, every unnamed or repeated node gets a
// unique, deterministic name (`<OpType>_<index>`, like ONNX Runtime's quantization tool does), so the
// same model always gets the same names and the output stays byte-identical between builds.
namespace EdgeSdk.Onnx;

/// <summary>Gives every node of a graph a unique name.</summary>
internal static class NodeNames
{
    /// <summary>Names unnamed nodes and renames repeated names; returns how many nodes were (re)named.</summary>
    public static int EnsureUnique(ModelGraph graph)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<int>();
        for (var i = 0; i < graph.Nodes.Count; i++)
        {
            var name = graph.Nodes[i].Name;
            if (name.Length == 0 || !taken.Add(name))
            {
                pending.Add(i);
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        // Value names may coincide with the names chosen; keep node names distinct from them too, for readability.
        foreach (var node in graph.Nodes)
        {
            taken.UnionWith(node.Output);
        }

        foreach (var i in pending)
        {
            var node = graph.Nodes[i];
            var stem = node.Name.Length > 0 ? node.Name : (node.OpType.Length > 0 ? node.OpType : "node") + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var candidate = stem;
            for (var k = 1; !taken.Add(candidate); k++)
            {
                candidate = stem + "_" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            node.Name = candidate;
        }

        graph.Invalidate();
        return pending.Count;
    }
}
