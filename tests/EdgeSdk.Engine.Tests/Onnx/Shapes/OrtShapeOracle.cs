// Checks inferred shapes against what ONNX Runtime actually produces: every node output is exposed as an
// extra graph output, the model runs on zero inputs with each symbolic dimension bound to a concrete size,
// and every inferred dimension that is known (or a bound symbol) must equal ORT's.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx.Shapes;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Onnx.Shapes;

internal static class OrtShapeOracle
{
    /// <summary>Returns how many dimensions were compared; fails (via assertions) on the first mismatch or on any value whose shape was not fully inferred.</summary>
    public static int Verify(ModelProto original, IReadOnlyDictionary<string, long> symbols, IReadOnlyDictionary<string, Tensor>? feeds = null, IReadOnlySet<string>? expectedUnknown = null)
    {
        var model = original.Clone();
        var graph = new ModelGraph(model);
        var inferred = ShapeInference.Infer(graph);
        var declared = new HashSet<string>(model.Graph.Output.Select(o => o.Name));
        var exposed = new List<string>();
        foreach (var name in graph.Nodes.SelectMany(n => n.Output).Where(o => o.Length > 0))
        {
            exposed.Add(name);
            if (!declared.Contains(name))
            {
                var t = inferred[name];
                model.Graph.Output.Add(new ValueInfoProto { Name = name, Type = new InferredType(t.ElementType, null).ToProto() });
            }
        }

        var inputs = new Dictionary<string, Tensor>(feeds ?? new Dictionary<string, Tensor>());
        foreach (var input in graph.RealInputs.Where(i => !inputs.ContainsKey(i.Name)))
        {
            var type = InferredType.FromProto(input.Type);
            var dims = type.Shape!.Select(d => d.IsKnown ? d.Value!.Value : symbols[d.Symbol!]).ToArray();
            inputs[input.Name] = Zeros(type.ElementType, dims);
        }

        using var session = InferenceSession.FromModel(model, new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.Disabled });
        var outputs = session.Run(inputs, exposed);
        var compared = 0;
        foreach (var name in exposed)
        {
            var type = inferred[name];
            var actual = outputs[name].Shape;
            type.Shape.Should().NotBeNull($"'{name}' should have an inferred rank");
            var shape = type.Shape!;
            if (expectedUnknown?.Contains(name) != true)
            {
                shape.Where(d => d.IsUnknown).Should().BeEmpty($"'{name}' is inferred as {type}, ORT gives [{string.Join(",", actual)}]");
            }

            actual.Length.Should().Be(shape.Count, $"the rank of '{name}' (inferred {type})");
            for (var i = 0; i < actual.Length; i++)
            {
                var d = shape[i];
                if (d.IsKnown)
                {
                    actual[i].Should().Be(d.Value!.Value, $"dim {i} of '{name}' (inferred {type}, ORT [{string.Join(",", actual)}])");
                    compared++;
                }
                else if (d.IsSymbolic && symbols.TryGetValue(d.Symbol!, out var bound))
                {
                    actual[i].Should().Be(bound, $"symbolic dim {i} of '{name}' (inferred {type}, ORT [{string.Join(",", actual)}])");
                    compared++;
                }
            }

            if (inferred.FoldedOf(name) is { } folded && outputs[name].Data is long[] values)
            {
                values.Length.Should().Be(folded.Elements.Length, $"the folded contents of '{name}'");
                for (var i = 0; i < values.Length; i++)
                {
                    var e = folded.Elements[i];
                    var expected = e.IsKnown ? e.Value : e.IsSymbolic && symbols.TryGetValue(e.Symbol!, out var s) ? s : (long?)null;
                    if (expected is not null)
                    {
                        values[i].Should().Be(expected.Value, $"element {i} of the folded value '{name}'");
                        compared++;
                    }
                }
            }

            if (type.ElementType != TensorElementType.Undefined)
            {
                outputs[name].ElementType.Should().Be(type.ElementType, $"the element type of '{name}'");
            }
        }

        return compared;
    }

    public static Tensor Zeros(TensorElementType type, long[] dims)
    {
        var count = Tensor.ElementCount(dims);
        Array data = type switch
        {
            TensorElementType.Float => new float[count],
            TensorElementType.Int64 => new long[count],
            TensorElementType.Int32 => new int[count],
            TensorElementType.Bool => new bool[count],
            TensorElementType.UInt8 => new byte[count],
            TensorElementType.Int8 => new sbyte[count],
            _ => throw new ArgumentException($"No zero tensor for {type}"),
        };
        return Tensor.Create(type, data, dims);
    }
}
