// How the checker names a node in its messages: the node's name (or "<unnamed>"), its operator, its index
// in its graph's node list and, for nodes of nested graphs and functions, which graph it belongs to.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Describes nodes for diagnostics.</summary>
internal static class CheckedNode
{
    /// <summary>Returns e.g. <c>node 'conv1' (Conv, #3)</c> or <c>node '&lt;unnamed&gt;' (Add, #0 in graph 'then_branch')</c>.</summary>
    public static string Describe(NodeProto node, int index, string scope)
    {
        var name = node.Name.Length > 0 ? node.Name : "<unnamed>";
        var op = node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}.{node.OpType}";
        var where = scope.Length > 0 ? $" in {scope}" : string.Empty;
        return $"node '{name}' ({op}, #{index}{where})";
    }
}
