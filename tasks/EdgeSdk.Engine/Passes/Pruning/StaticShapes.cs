// Static shape propagation for the operators that pruning and factorization reports need (Conv, pooling,
// elementwise, Gemm/MatMul, Flatten/Reshape, reductions, Concat). Symbolic dimensions (the batch) count
// as 1, so MACs come out per sample. Unknown operators leave their outputs unknown rather than guessing.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Best-effort static shapes of a graph's values (batch counted as 1).</summary>
internal static class StaticShapes
{
    private static readonly HashSet<string> ShapePreserving = new(StringComparer.Ordinal)
    {
        "Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Elu", "Selu", "Gelu", "Softplus",
        "Identity", "Dropout", "Neg", "Abs", "Erf", "Mish", "Softmax", "LogSoftmax", "BatchNormalization", "Cast",
        "QuantizeLinear", "DequantizeLinear", "InstanceNormalization", "LayerNormalization", "PRelu", "Sqrt", "Exp",
    };

    private static readonly HashSet<string> Broadcasting = new(StringComparer.Ordinal) { "Add", "Sub", "Mul", "Div", "Max", "Min", "Pow", "Sum" };

    /// <summary>Computes the shapes it can; values it cannot infer are absent from the result.</summary>
    public static Dictionary<string, long[]> Infer(ModelGraph graph)
    {
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var input in graph.Graph.Input)
        {
            var dims = input.Type?.TensorType?.Shape?.Dim;
            if (dims is not null && input.Type!.TensorType.Shape is not null)
            {
                shapes[input.Name] = dims.Select(d => d.HasDimValue && d.DimValue > 0 ? d.DimValue : 1L).ToArray();
            }
        }

        foreach (var init in graph.Graph.Initializer)
        {
            shapes[init.Name] = init.Dims.ToArray();
        }

        foreach (var node in graph.TopologicalOrder())
        {
            var output = TryInfer(graph, node, shapes);
            if (output is not null && node.Output.Count > 0)
            {
                shapes[node.Output[0]] = output;
            }
        }

        return shapes;
    }

    private static long[]? TryInfer(ModelGraph graph, NodeProto node, Dictionary<string, long[]> shapes)
    {
        long[]? In(int i) => i < node.Input.Count && shapes.TryGetValue(node.Input[i], out var s) ? s : null;
        var x = In(0);
        if (x is null)
        {
            return null;
        }

        switch (node.OpType)
        {
            case var op when ShapePreserving.Contains(op):
                return x;
            case var op when Broadcasting.Contains(op):
                return node.Input.Select((_, i) => In(i)).Aggregate((long[]?)x, (a, b) => a is null || b is null ? null : Broadcast(a, b));
            case "Conv":
            case "MaxPool":
            case "AveragePool":
            case "LpPool":
                return SlidingWindow(node, x, node.OpType == "Conv" ? In(1) : null);
            case "GlobalAveragePool":
            case "GlobalMaxPool":
                return x.Select((d, i) => i < 2 ? d : 1L).ToArray();
            case "Flatten":
            {
                var axis = (int)node.GetInt("axis", 1);
                axis = axis < 0 ? axis + x.Length : axis;
                return [x.Take(axis).Aggregate(1L, (a, b) => a * b), x.Skip(axis).Aggregate(1L, (a, b) => a * b)];
            }

            case "Gemm":
            {
                var w = In(1);
                if (w is null || x.Length != 2)
                {
                    return null;
                }

                var m = node.GetInt("transA", 0) != 0 ? x[1] : x[0];
                var n = node.GetInt("transB", 0) != 0 ? w[0] : w[1];
                return [m, n];
            }

            case "MatMul":
            {
                var w = In(1);
                return w is null || w.Length != 2 || x.Length < 1 ? null : [.. x[..^1], w[1]];
            }

            case "Reshape":
            {
                var target = node.Input.Count > 1 ? graph.GetInitializer(node.Input[1]) : null;
                return target is null ? null : Reshape(x, TensorProtoConverter.ToInt64Array(target));
            }

            case "ReduceMean":
            case "ReduceSum":
            case "ReduceMax":
            {
                var axes = node.GetInts("axes") ?? (node.Input.Count > 1 && graph.GetInitializer(node.Input[1]) is { } a ? TensorProtoConverter.ToInt64Array(a) : null);
                if (axes is null)
                {
                    return null;
                }

                var set = axes.Select(a => a < 0 ? a + x.Length : a).ToHashSet();
                var keep = node.GetInt("keepdims", 1) != 0;
                return x.Select((d, i) => (d, i)).Where(t => keep || !set.Contains(t.i)).Select(t => set.Contains(t.i) ? 1L : t.d).ToArray();
            }

            case "Concat":
            {
                var all = node.Input.Select((_, i) => In(i)).ToList();
                if (all.Any(s => s is null))
                {
                    return null;
                }

                var axis = (int)node.GetInt("axis", 1);
                axis = axis < 0 ? axis + x.Length : axis;
                var result = (long[])x.Clone();
                result[axis] = all.Sum(s => s![axis]);
                return result;
            }

            default:
                return null;
        }
    }

    private static long[] Broadcast(long[] a, long[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            result[i] = Math.Max(da, db);
        }

        return result;
    }

    private static long[]? SlidingWindow(NodeProto node, long[] x, long[]? weight)
    {
        var spatial = x.Length - 2;
        var kernel = node.GetInts("kernel_shape") ?? weight?.Skip(2).ToArray();
        if (kernel is null || kernel.Length != spatial || node.GetString("auto_pad", "NOTSET") is not ("NOTSET" or "VALID"))
        {
            return null;
        }

        var strides = node.GetInts("strides") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var dilations = node.GetInts("dilations") ?? Enumerable.Repeat(1L, spatial).ToArray();
        var pads = node.GetInts("pads") ?? new long[spatial * 2];
        var ceil = node.GetInt("ceil_mode", 0) != 0;
        var result = new long[x.Length];
        result[0] = x[0];
        result[1] = weight is not null ? weight[0] : x[1];
        for (var i = 0; i < spatial; i++)
        {
            var span = x[i + 2] + pads[i] + pads[i + spatial] - (dilations[i] * (kernel[i] - 1)) - 1;
            result[i + 2] = (ceil ? (long)Math.Ceiling(span / (double)strides[i]) : span / strides[i]) + 1;
        }

        return result;
    }

    private static long[]? Reshape(long[] x, long[] target)
    {
        var total = x.Aggregate(1L, (a, b) => a * b);
        var result = target.Select((d, i) => d == 0 && i < x.Length ? x[i] : d).ToArray();
        var known = result.Where(d => d != -1).Aggregate(1L, (a, b) => a * b);
        var unknown = Array.IndexOf(result, -1L);
        if (unknown >= 0)
        {
            if (known == 0 || total % known != 0)
            {
                return null;
            }

            result[unknown] = total / known;
        }

        return result;
    }
}
