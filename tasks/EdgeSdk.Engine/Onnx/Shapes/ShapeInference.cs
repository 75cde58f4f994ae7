// Static type and shape inference over a model's main graph: walks nodes in topological order, applies
// each operator's rule (OperatorShapeRules) and folds small integer subgraphs so that shapes computed at
// run time (Reshape targets built from Shape/Gather/Concat) become known. Unknown operators produce
// unknown outputs; nothing is guessed.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>Infers element types and shapes (with symbolic dimensions) for every value of a graph.</summary>
internal static class ShapeInference
{
    /// <summary>
    /// Infers the type of every value: graph inputs (optionally with concrete shapes from
    /// <paramref name="inputShapeOverrides"/>), initializers and node outputs. Values of operators without a
    /// rule (or of other domains) are unknown unless the model declares them in value_info. Throws EDGE4001
    /// when the graph has a cycle.
    /// </summary>
    public static ShapeInferenceResult Infer(ModelGraph graph, IReadOnlyDictionary<string, long[]>? inputShapeOverrides = null)
    {
        var result = new ShapeInferenceResult();
        var constants = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        var declared = graph.Graph.ValueInfo.Concat(graph.Graph.Output)
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => InferredType.FromProto(g.First().Type), StringComparer.Ordinal);

        foreach (var input in graph.Graph.Input)
        {
            var type = InferredType.FromProto(input.Type);
            if (inputShapeOverrides is not null && inputShapeOverrides.TryGetValue(input.Name, out var dims))
            {
                type = InferredType.Of(type.ElementType, dims);
            }

            result.Set(input.Name, type);
        }

        foreach (var init in graph.Graph.Initializer)
        {
            result.Set(init.Name, InferredType.Of((TensorElementType)init.DataType, init.Dims.ToArray()));
            constants[init.Name] = init;
            if (FoldedValue.FromTensor(init) is { } folded)
            {
                result.SetFolded(init.Name, folded);
            }
        }

        foreach (var sparse in graph.Graph.SparseInitializer)
        {
            if (sparse.Values is { } values)
            {
                result.Set(values.Name, InferredType.Of((TensorElementType)values.DataType, sparse.Dims.ToArray()));
            }
        }

        foreach (var node in graph.TopologicalOrder())
        {
            var ctx = new NodeShapeContext(node, OpsetFor(graph.Model, node.Domain), result.TypeOf, result.FoldedOf, n => constants.GetValueOrDefault(n));
            if (IsDefaultDomain(node.Domain) && OperatorShapeRules.For(node.OpType) is { } rule)
            {
                try
                {
                    rule(ctx);
                    ShapeValueFolding.Fold(ctx);
                }
                catch (Exception ex) when (ex is EdgeException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
                {
                    // Unreadable constants or malformed attributes: the outputs stay unknown rather than guessed.
                    Array.Clear(ctx.Outputs);
                    Array.Clear(ctx.FoldedOutputs);
                }
            }

            for (var i = 0; i < node.Output.Count; i++)
            {
                var name = node.Output[i];
                var type = ctx.Outputs[i] ?? InferredType.Unknown;
                if (type.IsUnknown && declared.TryGetValue(name, out var declaredType))
                {
                    type = declaredType;
                }

                result.Set(name, type);
                if (ctx.FoldedOutputs[i] is { } folded)
                {
                    result.SetFolded(name, folded);
                }
            }

            if (node.OpType == "Constant" && IsDefaultDomain(node.Domain) && node.Output.Count == 1 && node.Find("value")?.T is { } tensor)
            {
                constants[node.Output[0]] = tensor;
            }
        }

        return result;
    }

    /// <summary>Writes every inferred intermediate type into <c>graph.value_info</c> (replacing entries of the same name; graph inputs, outputs and initializers are left alone).</summary>
    public static void WriteValueInfo(ModelGraph graph, ShapeInferenceResult result)
    {
        var skip = new HashSet<string>(graph.Graph.Input.Select(i => i.Name).Concat(graph.Graph.Output.Select(o => o.Name)).Concat(graph.Initializers.Keys), StringComparer.Ordinal);
        var existing = graph.Graph.ValueInfo.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var (name, type) in result)
        {
            if (skip.Contains(name) || type.IsUnknown)
            {
                continue;
            }

            if (existing.TryGetValue(name, out var info))
            {
                info.Type = type.ToProto();
            }
            else
            {
                graph.Graph.ValueInfo.Add(new ValueInfoProto { Name = name, Type = type.ToProto() });
            }
        }
    }

    /// <summary>Returns the opset version a node of <paramref name="domain"/> binds to (the highest imported; 0 when not imported).</summary>
    public static long OpsetFor(ModelProto model, string domain)
    {
        var d = IsDefaultDomain(domain) ? string.Empty : domain;
        return model.OpsetImport.Where(o => (IsDefaultDomain(o.Domain) ? string.Empty : o.Domain) == d).Select(o => o.Version).DefaultIfEmpty(0).Max();
    }

    private static bool IsDefaultDomain(string domain) => domain is "" or "ai.onnx";
}
