// Enumerates every TensorProto a model holds: initializers (dense and sparse) of the main graph, nested
// graphs, training graphs and function bodies, and tensors inside node attributes. External data loading
// and saving walk the model through this one place.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx;

/// <summary>Walks all tensors of a model.</summary>
internal static class ModelTensors
{
    /// <summary>Returns every tensor, with <c>IsInitializer</c> true for dense graph initializers (sparse parts and attribute tensors are false).</summary>
    public static IEnumerable<(TensorProto Tensor, bool IsInitializer)> All(ModelProto model)
    {
        var graphs = new List<GraphProto>();
        if (model.Graph is not null)
        {
            graphs.Add(model.Graph);
        }

        foreach (var info in model.TrainingInfo)
        {
            graphs.AddRange(new[] { info.Initialization, info.Algorithm }.Where(g => g is not null));
        }

        foreach (var graph in graphs)
        {
            foreach (var item in InGraph(graph))
            {
                yield return item;
            }
        }

        foreach (var function in model.Functions)
        {
            foreach (var t in function.Node.SelectMany(InNode))
            {
                yield return t;
            }

            foreach (var t in function.AttributeProto.SelectMany(InAttribute))
            {
                yield return (t, false);
            }
        }
    }

    private static IEnumerable<(TensorProto, bool)> InGraph(GraphProto graph)
    {
        foreach (var t in graph.Initializer)
        {
            yield return (t, true);
        }

        foreach (var s in graph.SparseInitializer)
        {
            foreach (var t in new[] { s.Values, s.Indices }.Where(t => t is not null))
            {
                yield return (t, false);
            }
        }

        foreach (var item in graph.Node.SelectMany(InNode))
        {
            yield return item;
        }
    }

    private static IEnumerable<(TensorProto, bool)> InNode(NodeProto node)
    {
        foreach (var attr in node.Attribute)
        {
            foreach (var t in InAttribute(attr))
            {
                yield return (t, false);
            }

            foreach (var g in attr.G is null ? attr.Graphs : attr.Graphs.Prepend(attr.G))
            {
                foreach (var item in InGraph(g))
                {
                    yield return item;
                }
            }
        }
    }

    private static IEnumerable<TensorProto> InAttribute(AttributeProto attr)
    {
        if (attr.T is not null)
        {
            yield return attr.T;
        }

        foreach (var t in attr.Tensors)
        {
            yield return t;
        }

        foreach (var s in attr.SparseTensor is null ? attr.SparseTensors : attr.SparseTensors.Prepend(attr.SparseTensor))
        {
            foreach (var t in new[] { s.Values, s.Indices }.Where(t => t is not null))
            {
                yield return t;
            }
        }
    }
}
