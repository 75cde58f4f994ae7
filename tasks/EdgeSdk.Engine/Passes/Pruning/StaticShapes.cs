// Concrete per-sample shapes for cost reports: runs the engine's shape inference with every symbolic
// input dimension (the batch) set to 1 and keeps the values whose dimensions all come out as numbers.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Shapes;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Static shapes of a graph's values with the batch counted as 1.</summary>
internal static class StaticShapes
{
    /// <summary>Returns the fully known shapes; values with unknown dimensions are absent.</summary>
    public static Dictionary<string, long[]> Infer(ModelGraph graph)
    {
        var overrides = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var input in graph.RealInputs)
        {
            if (input.Type?.TensorType?.Shape is { } shape)
            {
                overrides[input.Name] = shape.Dim.Select(d => d.HasDimValue && d.DimValue > 0 ? d.DimValue : 1L).ToArray();
            }
        }

        var result = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (name, type) in ShapeInference.Infer(graph, overrides))
        {
            if (type.KnownDims() is { } dims)
            {
                result[name] = dims;
            }
        }

        return result;
    }
}
