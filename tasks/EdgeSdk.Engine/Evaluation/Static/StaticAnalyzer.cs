// Runs the static analysis of a model given the shapes of its values: per-node MACs, precision and
// bytes, totals, weight memory and the activation peak. Shapes come from the caller (shape inference or a
// probing run at the evaluated batch size), so this class never runs the model.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>Computes <see cref="StaticAnalysis"/>.</summary>
internal static class StaticAnalyzer
{
    /// <summary>Analyzes <paramref name="model"/> with the given value shapes (initializer shapes are read from the model when missing).</summary>
    public static StaticAnalysis Analyze(ModelGraph model, IReadOnlyDictionary<string, ValueShape> shapes, int batch)
    {
        var bytes = ModelFile.ToBytes(model.Model);
        var declared = ValueShape.Declared(model, batch);
        ValueShape? ShapeOf(string name) => shapes.GetValueOrDefault(name) ?? declared.GetValueOrDefault(name);
        var order = model.TopologicalOrder();
        var initializers = model.Initializers;
        var nodes = new List<NodeAnalysis>(order.Count);
        for (var i = 0; i < order.Count; i++)
        {
            var node = order[i];
            var (macs, known) = MacCounter.Count(node, ShapeOf);
            var inputs = node.Input.Where(n => n.Length > 0).ToList();
            nodes.Add(new NodeAnalysis
            {
                Name = node.Name.Length > 0 ? node.Name : $"{node.OpType}_{i}",
                OpType = node.OpType,
                Macs = macs,
                Precision = PrecisionOf(node, ShapeOf),
                WeightBytes = inputs.Where(initializers.ContainsKey).Sum(n => ShapeOf(n)?.Bytes ?? 0),
                InputBytes = inputs.Where(n => !initializers.ContainsKey(n)).Sum(n => ShapeOf(n)?.Bytes ?? 0),
                OutputBytes = node.Output.Where(n => n.Length > 0).Sum(n => ShapeOf(n)?.Bytes ?? 0),
                OutputShape = node.Output.Count > 0 && ShapeOf(node.Output[0]) is { } s ? s.Dims : [],
                ShapesKnown = known && node.Output.All(o => o.Length == 0 || ShapeOf(o) is not null),
            });
        }

        return new StaticAnalysis
        {
            Parameters = model.Graph.Initializer.Where(t => (TensorElementType)t.DataType is not (TensorElementType.Int64 or TensorElementType.String)).Sum(t => Tensor.ElementCount(t.Dims.ToArray()))
                + Onnx.Inspection.ConstantParameters.Of(model.Graph).Count,
            ModelBytes = bytes.LongLength,
            DeflateBytes = CompressedSize.Deflate(bytes),
            BrotliBytes = CompressedSize.Brotli(bytes),
            Macs = nodes.Sum(n => n.Macs),
            WeightBytes = model.Graph.Initializer.Sum(t => new ValueShape((TensorElementType)t.DataType, t.Dims.ToArray()).Bytes),
            PeakActivationBytes = ActivationLifetimes.PeakBytes(model, order, ShapeOf),
            Batch = batch,
            Nodes = nodes,
        };
    }

    // Quantized operators (QLinear*, *Integer) and 8-bit inputs compute in int8; half inputs in fp16.
    private static ComputePrecision PrecisionOf(NodeProto node, Func<string, ValueShape?> shapeOf)
    {
        if (node.OpType.StartsWith("QLinear", StringComparison.Ordinal) || node.OpType.EndsWith("Integer", StringComparison.Ordinal))
        {
            return ComputePrecision.Int8;
        }

        var first = node.Input.Count > 0 && node.Input[0].Length > 0 ? shapeOf(node.Input[0])?.ElementType : null;
        return first switch
        {
            TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Int4 or TensorElementType.UInt4 => ComputePrecision.Int8,
            TensorElementType.Float16 or TensorElementType.BFloat16 => ComputePrecision.Fp16,
            _ => ComputePrecision.Fp32,
        };
    }
}
