// Evaluates shape-computing subgraphs at plan time: Constant nodes, Shape of any value (its shape is known
// once the batch size is), and integer arithmetic on shapes (Gather, Unsqueeze, Squeeze, Concat, Cast,
// Slice, Add/Sub/Mul/Div, ConstantOfShape, Range). These never run per step and are never differentiated.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Training.Graph;

/// <summary>Plan-time evaluation of integer (shape) operators.</summary>
internal static class ConstantFolder
{
    /// <summary>Gets whether the folder evaluates <paramref name="opType"/> on integer constants.</summary>
    public static bool CanFold(string opType) => opType is "Constant" or "Shape" or "Size" or "Gather" or "Unsqueeze" or "Squeeze" or "Concat" or "Cast" or "Identity" or "Reshape" or "Slice" or "Add" or "Sub" or "Mul" or "Div" or "ConstantOfShape" or "Range" or "Flatten";

    /// <summary>Evaluates the Constant node's value.</summary>
    public static Tensor ConstantValue(NodeProto node)
    {
        foreach (var a in node.Attribute)
        {
            switch (a.Name)
            {
                case "value": return TensorProtoConverter.ToTensor(a.T);
                case "value_float": return Tensor.FromFloat([a.F]);
                case "value_floats": return Tensor.FromFloat([.. a.Floats], a.Floats.Count);
                case "value_int": return Tensor.FromInt64([a.I]);
                case "value_ints": return Tensor.FromInt64([.. a.Ints], a.Ints.Count);
            }
        }

        throw new EdgeException(DiagnosticCatalog.Training.UnsupportedConfiguration, $"Constant node '{node.Name}' has no supported value attribute.");
    }

    /// <summary>Evaluates an integer operator on constant inputs (null entries for absent inputs); returns null when the inputs are not integers.</summary>
    public static Tensor? Evaluate(NodeProto node, IReadOnlyList<TrainingValue?> inputs)
    {
        Tensor In(int i) => inputs[i]?.Constant ?? throw new InvalidOperationException("input is not constant");
        long[] Ints(int i) => ToInts(In(i));
        bool IsInt(int i) => inputs[i]?.Constant is { } t && t.ElementType is TensorElementType.Int64 or TensorElementType.Int32;

        switch (node.OpType)
        {
            case "Shape":
            {
                var shape = inputs[0]!.Shape.Select(d => (long)d).ToArray();
                var start = (int)node.GetInt("start", 0);
                var end = (int)node.GetInt("end", shape.Length);
                start = Math.Clamp(start < 0 ? start + shape.Length : start, 0, shape.Length);
                end = Math.Clamp(end < 0 ? end + shape.Length : end, 0, shape.Length);
                var slice = shape[start..Math.Max(start, end)];
                return Tensor.FromInt64(slice, slice.Length);
            }

            case "Size":
                return Tensor.FromInt64([inputs[0]!.Length]);
            case "ConstantOfShape":
            {
                var shape = Ints(0);
                var count = (int)Tensor.ElementCount(shape);
                var value = node.Find("value") is { } v ? TensorProtoConverter.ToTensor(v.T) : Tensor.FromFloat([0f], 1);
                if (value.Data is float[] f)
                {
                    return Tensor.FromFloat(Enumerable.Repeat(f[0], count).ToArray(), shape);
                }

                return Tensor.FromInt64(Enumerable.Repeat(ToInts(value)[0], count).ToArray(), shape);
            }
        }

        if (!IsInt(0))
        {
            return null;
        }

        var x = Ints(0);
        var xShape = In(0).Shape;
        switch (node.OpType)
        {
            case "Identity":
                return Tensor.FromInt64(x, xShape);
            case "Cast":
            {
                var to = (TensorElementType)node.GetInt("to", 7);
                return to switch
                {
                    TensorElementType.Float => Tensor.FromFloat(x.Select(v => (float)v).ToArray(), xShape),
                    TensorElementType.Int64 or TensorElementType.Int32 => Tensor.FromInt64(x, xShape),
                    _ => null,
                };
            }

            case "Gather":
            {
                var idx = Ints(1);
                var axis = ShapeMath.Axis(node.GetInt("axis", 0), xShape.Length);
                if (xShape.Length != 1 || axis != 0)
                {
                    return null;
                }

                var result = idx.Select(i => x[i < 0 ? i + x.Length : i]).ToArray();
                return Tensor.FromInt64(result, In(1).Shape);
            }

            case "Unsqueeze":
            {
                var axes = node.GetInts("axes") ?? Ints(1);
                var rank = xShape.Length + axes.Length;
                var set = axes.Select(a => ShapeMath.Axis(a, rank)).ToHashSet();
                var shape = new long[rank];
                var j = 0;
                for (var i = 0; i < rank; i++)
                {
                    shape[i] = set.Contains(i) ? 1 : xShape[j++];
                }

                return Tensor.FromInt64(x, shape);
            }

            case "Squeeze":
            {
                var axes = node.GetInts("axes") ?? (inputs.Count > 1 && inputs[1] is not null ? Ints(1) : []);
                var set = axes.Select(a => ShapeMath.Axis(a, xShape.Length)).ToHashSet();
                var shape = xShape.Where((d, i) => set.Count == 0 ? d != 1 : !set.Contains(i)).ToArray();
                return Tensor.FromInt64(x, shape);
            }

            case "Flatten":
            {
                var axis = ShapeMath.Axis(node.GetInt("axis", 1), xShape.Length);
                return Tensor.FromInt64(x, Tensor.ElementCount(xShape.AsSpan(0, axis)), Tensor.ElementCount(xShape.AsSpan(axis)));
            }

            case "Reshape":
                return Tensor.FromInt64(x, Ints(1).Select((d, i) => d == 0 ? xShape[i] : d == -1 ? x.Length / Math.Max(1, Ints(1).Where(v => v > 0).Aggregate(1L, (p, v) => p * v)) : d).ToArray());
            case "Concat":
            {
                if (xShape.Length != 1 || !Enumerable.Range(0, inputs.Count).All(IsInt))
                {
                    return null;
                }

                var all = Enumerable.Range(0, inputs.Count).SelectMany(Ints).ToArray();
                return Tensor.FromInt64(all, all.Length);
            }

            case "Slice":
            {
                if (xShape.Length != 1)
                {
                    return null;
                }

                var starts = Ints(1);
                var ends = Ints(2);
                var step = inputs.Count > 4 && inputs[4] is not null ? Ints(4)[0] : 1;
                var n = x.Length;
                var s = starts[0] < 0 ? starts[0] + n : starts[0];
                var e = ends[0] < 0 ? ends[0] + n : Math.Min(ends[0], n);
                var list = new List<long>();
                for (var i = Math.Clamp(s, 0, n); step > 0 ? i < e : i > e; i += step)
                {
                    list.Add(x[i]);
                }

                return Tensor.FromInt64([.. list], list.Count);
            }

            case "Range":
            {
                var list = new List<long>();
                for (var v = x[0]; Ints(2)[0] > 0 ? v < Ints(1)[0] : v > Ints(1)[0]; v += Ints(2)[0])
                {
                    list.Add(v);
                }

                return Tensor.FromInt64([.. list], list.Count);
            }

            case "Add" or "Sub" or "Mul" or "Div":
            {
                if (!IsInt(1))
                {
                    return null;
                }

                var y = Ints(1);
                var count = Math.Max(x.Length, y.Length);
                var result = new long[count];
                for (var i = 0; i < count; i++)
                {
                    var a = x[x.Length == 1 ? 0 : i];
                    var b = y[y.Length == 1 ? 0 : i];
                    result[i] = node.OpType switch { "Add" => a + b, "Sub" => a - b, "Mul" => a * b, _ => a / b };
                }

                return Tensor.FromInt64(result, x.Length >= y.Length ? xShape : In(1).Shape);
            }
        }

        return null;
    }

    /// <summary>Reads an integer tensor as long[].</summary>
    public static long[] ToInts(Tensor t) => t.Data switch
    {
        long[] l => l,
        int[] i => i.Select(v => (long)v).ToArray(),
        float[] f => f.Select(v => (long)v).ToArray(),
        _ => throw new InvalidOperationException($"{t.ElementType} is not an integer tensor."),
    };

    /// <summary>Converts a numeric tensor's values to float (for constants read by float kernels), or null for non-numeric data.</summary>
    /// <remarks>Switches on the element type, not the array type: the runtime lets a byte[] pass as sbyte[] (and ushort[] as short[]).</remarks>
    public static float[]? ToFloats(Tensor t) => t.ElementType switch
    {
        TensorElementType.Float => (float[])t.Data,
        TensorElementType.Double => ((double[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.Int64 => ((long[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.Int32 => ((int[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.Int8 => ((sbyte[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.UInt8 => ((byte[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.Int16 => ((short[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.UInt16 => ((ushort[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.Float16 => ((Half[])t.Data).Select(v => (float)v).ToArray(),
        TensorElementType.Bool => ((bool[])t.Data).Select(v => v ? 1f : 0f).ToArray(),
        _ => null,
    };
}
