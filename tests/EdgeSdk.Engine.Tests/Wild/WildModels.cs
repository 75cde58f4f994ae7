// Shapes models the way other exporters do, from the PyTorch fixtures, without downloads: paddle2onnx keeps
// every weight in a Constant node (and exports old opsets); onnx.helper.make_node leaves nodes unnamed.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Engine.Tests.Wild;

internal static class WildModels
{
    /// <summary>Moves every initializer of <paramref name="model"/> into a Constant node (value attribute) at the front of the graph.</summary>
    public static ModelProto WithConstantWeights(ModelProto model)
    {
        var copy = model.Clone();
        var graph = copy.Graph;
        var names = graph.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            var tensor = graph.Initializer[i];
            var node = new NodeProto { OpType = "Constant", Name = tensor.Name + "_const" };
            node.Output.Add(tensor.Name);
            node.Attribute.Add(new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = tensor.Clone() });
            node.Attribute[0].T.Name = string.Empty;
            graph.Node.Insert(0, node);
        }

        graph.Initializer.Clear();
        foreach (var input in graph.Input.Where(i => names.Contains(i.Name)).ToList())
        {
            graph.Input.Remove(input);
        }

        return copy;
    }

    /// <summary>Clears every node name.</summary>
    public static ModelProto Unnamed(ModelProto model)
    {
        var copy = model.Clone();
        foreach (var node in copy.Graph.Node)
        {
            node.Name = string.Empty;
        }

        return copy;
    }
}
