// What an opset upgrade did: the opsets, how many nodes of each operator it rewrote (operators whose changes
// up to the target opset are only new types or wider attributes are merely re-versioned and not counted),
// and the nodes it could not convert (then the model is left untouched).
namespace EdgeSdk.Onnx.OpsetUpgrade;

/// <summary>A node the upgrader cannot convert.</summary>
/// <param name="Node">The node's name (empty when unnamed).</param>
/// <param name="OpType">The operator.</param>
/// <param name="Opset">The model's ai.onnx opset.</param>
/// <param name="Reason">Why it cannot be converted.</param>
internal sealed record UnconvertibleNode(string Node, string OpType, long Opset, string Reason)
{
    /// <summary>Gets a one-line description naming the node, the operator and the opset.</summary>
    public string Describe() => $"{OpType}{(Node.Length > 0 ? $" node '{Node}'" : " node")} (opset {Opset}): {Reason}";
}

/// <summary>The outcome of <see cref="OpsetUpgrader.Upgrade"/>.</summary>
/// <param name="FromOpset">The model's ai.onnx opset before.</param>
/// <param name="ToOpset">The opset after (equal to <paramref name="FromOpset"/> when nothing changed).</param>
/// <param name="Converted">Operator → number of nodes rewritten (ordinal order).</param>
/// <param name="Unconvertible">Nodes that could not be converted; non-empty means the model was not changed.</param>
internal sealed record OpsetUpgradeResult(long FromOpset, long ToOpset, IReadOnlyDictionary<string, int> Converted, IReadOnlyList<UnconvertibleNode> Unconvertible)
{
    /// <summary>Gets whether the model was upgraded.</summary>
    public bool Upgraded => Unconvertible.Count == 0 && ToOpset > FromOpset;

    /// <summary>Gets the rewritten operators as "Clip ×3, Softmax ×1" (or "none").</summary>
    public string ConvertedText => Converted.Count == 0 ? "none" : string.Join(", ", Converted.Select(kv => $"{kv.Key} ×{kv.Value}"));
}
