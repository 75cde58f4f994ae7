// Gathers the facts of ModelInspection from a model file: declared input/output types, operator counts,
// parameters (elements of all initializers, dense and sparse, and of the weights Constant nodes hold) and,
// when asked, inferred shapes.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Inspection;

/// <summary>Builds a <see cref="ModelInspection"/>.</summary>
internal static class ModelInspector
{
    /// <summary>Inspects the model at <paramref name="path"/>; with <paramref name="withShapes"/>, runs shape inference for every value.</summary>
    public static ModelInspection Inspect(string path, bool withShapes)
    {
        var model = ModelFile.Load(path, new ModelLoadOptions { LoadExternalData = false });
        var graph = new ModelGraph(model);
        var initializers = graph.Graph.Initializer;
        var constants = ConstantParameters.Of(graph.Graph);
        var parameterCount = initializers.Sum(t => Tensor.ElementCount(t.Dims.ToArray())) + graph.Graph.SparseInitializer.Sum(s => s.Values is null ? 0 : Tensor.ElementCount(s.Values.Dims.ToArray())) + constants.Count;
        var parameterBytes = initializers.Sum(t => TensorByteSize.Of((TensorElementType)t.DataType, Tensor.ElementCount(t.Dims.ToArray())) ?? t.StringData.Sum(s => (long)s.Length)) + constants.Bytes;
        var producers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            foreach (var o in node.Output.Where(o => o.Length > 0))
            {
                producers.TryAdd(o, node.Domain is "" or "ai.onnx" ? node.OpType : $"{node.Domain}.{node.OpType}");
            }
        }

        IReadOnlyList<InspectedValue>? values = null;
        if (withShapes)
        {
            var inferred = ShapeInference.Infer(graph);
            values = inferred.Where(kv => !graph.Initializers.ContainsKey(kv.Key))
                .Select(kv => new InspectedValue(kv.Key, kv.Value, producers.GetValueOrDefault(kv.Key)))
                .ToArray();
        }

        return new ModelInspection(
            path,
            new FileInfo(path).Length,
            ExternalDataBytes(model, path),
            model.IrVersion,
            model.ProducerName,
            model.ProducerVersion,
            model.OpsetImport.Select(o => (o.Domain.Length == 0 ? "ai.onnx" : o.Domain, o.Version)).OrderBy(o => o.Item1, StringComparer.Ordinal).ToArray(),
            graph.RealInputs.Select(i => new InspectedValue(i.Name, InferredType.FromProto(i.Type), null)).ToArray(),
            graph.Graph.Output.Select(o => new InspectedValue(o.Name, InferredType.FromProto(o.Type), producers.GetValueOrDefault(o.Name))).ToArray(),
            graph.Nodes.Count,
            graph.OpCounts().Select(kv => (kv.Key, kv.Value)).ToArray(),
            parameterCount,
            parameterBytes,
            values);
    }

    private static long ExternalDataBytes(ModelProto model, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var where = new Diagnostics.SourceLocation(path);
        return ModelTensors.All(model)
            .Where(x => ExternalDataReference.IsExternal(x.Tensor))
            .Select(x => ExternalDataReference.Parse(x.Tensor, where).ResolveUnder(directory, where))
            .Distinct(StringComparer.Ordinal)
            .Sum(f => File.Exists(f) ? new FileInfo(f).Length : 0);
    }
}
