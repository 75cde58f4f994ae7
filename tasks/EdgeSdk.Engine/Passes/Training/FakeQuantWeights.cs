// Makes a QDQ model's quantized weights trainable and turns them back into integers afterwards. Every
// DequantizeLinear that reads an integer initializer (int8 weights, int32 biases) gets a float copy of the
// dequantized values followed by a QuantizeLinear with the same scale and zero point, so training updates
// float weights through fake quantization (straight-through estimator). Export rounds the trained floats
// with exactly the fake-quant formula back into the original integer initializer and removes the
// inserted nodes: the exported model has the same QDQ structure as static quantization produced.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Training;

/// <summary>Inserts and removes trainable fake-quantized weights.</summary>
internal static class FakeQuantWeights
{
    /// <summary>One trainable weight: the integer initializer it replaces, its float copy and the inserted QuantizeLinear.</summary>
    internal sealed record Entry(string IntegerName, TensorElementType IntegerType, string FloatName, NodeProto Quantize, NodeProto Dequantize);

    /// <summary>Inserts fake quantization for every integer-initializer DequantizeLinear and returns the entries.</summary>
    public static List<Entry> Insert(ModelGraph graph)
    {
        var entries = new List<Entry>();
        foreach (var dq in graph.Nodes.Where(n => n.OpType == "DequantizeLinear").ToList())
        {
            if (graph.GetInitializer(dq.Input[0]) is not { } q || (TensorElementType)q.DataType is not (TensorElementType.Int8 or TensorElementType.UInt8 or TensorElementType.Int32))
            {
                continue;
            }

            var type = (TensorElementType)q.DataType;
            var ints = TensorProtoConverter.ToInt64Array(q);
            var scale = TensorProtoConverter.ToFloatArray(graph.GetInitializer(dq.Input[1])!);
            var zpName = dq.Input.Count > 2 ? dq.Input[2] : string.Empty;
            if (zpName.Length == 0)
            {
                zpName = graph.UniqueName(q.Name + "_zero_point");
                var zeros = Tensor.Create(type, Array.CreateInstance(ClrType(type), scale.Length), scale.Length == 1 ? [] : [scale.Length]);
                graph.SetInitializer(TensorProtoConverter.FromTensor(zpName, zeros));
                if (dq.Input.Count < 3)
                {
                    dq.Input.Add(zpName);
                }
                else
                {
                    dq.Input[2] = zpName;
                }
            }

            var zp = TensorProtoConverter.ToInt64Array(graph.GetInitializer(zpName)!);
            var (outer, channels, inner) = Layout(q.Dims.ToArray(), scale.Length, dq.GetInt("axis", 1));
            var values = new float[ints.Length];
            for (var o = 0; o < outer; o++)
            {
                for (var c = 0; c < channels; c++)
                {
                    for (var i = 0; i < inner; i++)
                    {
                        var k = (((o * channels) + c) * inner) + i;
                        values[k] = (ints[k] - zp[zp.Length == 1 ? 0 : c]) * scale[c];
                    }
                }
            }

            var floatName = graph.UniqueName(q.Name + "_float");
            graph.SetInitializer(TensorProtoConverter.FromFloat(floatName, values, [.. q.Dims]));
            var fq = graph.UniqueName(q.Name + "_fake_quantized");
            var node = new NodeProto { OpType = "QuantizeLinear", Name = graph.UniqueName(q.Name + "_FakeQuantize") };
            node.Input.AddRange([floatName, dq.Input[1], zpName]);
            node.Output.Add(fq);
            if (dq.Find("axis") is { } axis)
            {
                node.Attribute.Add(axis.Clone());
            }

            dq.Input[0] = fq;
            graph.InsertNode(graph.Nodes.IndexOf(dq), node);
            entries.Add(new Entry(q.Name, type, floatName, node, dq));
        }

        return entries;
    }

    /// <summary>Rounds the trained float weights into their integer initializers and removes the fake-quant nodes.</summary>
    public static void Export(ModelGraph graph, IEnumerable<Entry> entries)
    {
        foreach (var e in entries)
        {
            var values = TensorProtoConverter.ToFloatArray(graph.GetInitializer(e.FloatName)!);
            var original = graph.GetInitializer(e.IntegerName)!;
            var scale = TensorProtoConverter.ToFloatArray(graph.GetInitializer(e.Dequantize.Input[1])!);
            var zp = TensorProtoConverter.ToInt64Array(graph.GetInitializer(e.Dequantize.Input[2])!);
            var (lo, hi) = e.IntegerType switch { TensorElementType.Int8 => (-128L, 127L), TensorElementType.UInt8 => (0L, 255L), _ => ((long)int.MinValue, (long)int.MaxValue) };
            var (outer, channels, inner) = Layout(original.Dims.ToArray(), scale.Length, e.Dequantize.GetInt("axis", 1));
            var ints = new long[values.Length];
            for (var o = 0; o < outer; o++)
            {
                for (var c = 0; c < channels; c++)
                {
                    for (var i = 0; i < inner; i++)
                    {
                        var k = (((o * channels) + c) * inner) + i;
                        var q = MathF.Round(values[k] / scale[c], MidpointRounding.ToEven) + zp[zp.Length == 1 ? 0 : c];
                        ints[k] = Math.Clamp((long)q, lo, hi);
                    }
                }
            }

            Array data = e.IntegerType switch
            {
                TensorElementType.Int8 => ints.Select(v => (sbyte)v).ToArray(),
                TensorElementType.UInt8 => ints.Select(v => (byte)v).ToArray(),
                _ => ints.Select(v => (int)v).ToArray(),
            };
            graph.SetInitializer(TensorProtoConverter.FromTensor(e.IntegerName, Tensor.Create(e.IntegerType, data, [.. original.Dims])));
            e.Dequantize.Input[0] = e.IntegerName;
            graph.RemoveNode(e.Quantize);
            graph.RemoveInitializer(e.FloatName);
        }
    }

    private static (int Outer, int Channels, int Inner) Layout(long[] dims, int scales, long axis)
    {
        var count = (int)dims.Aggregate(1L, (a, b) => a * b);
        if (scales == 1)
        {
            return (1, 1, count);
        }

        var a = (int)(axis < 0 ? axis + dims.Length : axis);
        var outer = (int)dims.Take(a).Aggregate(1L, (x, y) => x * y);
        return (outer, scales, count / outer / scales);
    }

    private static Type ClrType(TensorElementType t) => t switch
    {
        TensorElementType.Int8 => typeof(sbyte),
        TensorElementType.UInt8 => typeof(byte),
        _ => typeof(int),
    };
}
