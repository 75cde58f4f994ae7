// Rewrites a float model into QDQ form from a QdqPlan: removes absorbed Relu/Clip nodes, stores weights
// as int8 with per-channel scales, biases as int32 (scale = input scale × weight scale), and puts one
// QuantizeLinear after each planned activation and one DequantizeLinear in front of each consumer, so
// every node group ONNX Runtime's QDQ selectors look for is self-contained.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>What the writer did, and where the dequantized value of each float tensor can be read.</summary>
internal sealed class QdqWriteResult
{
    /// <summary>Gets float-model tensor name → tensor in the quantized model carrying its dequantized value.</summary>
    public Dictionary<string, string> DequantizedTensors { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the number of QuantizeLinear nodes inserted.</summary>
    public int QuantizeNodes { get; set; }

    /// <summary>Gets or sets the number of DequantizeLinear nodes inserted.</summary>
    public int DequantizeNodes { get; set; }
}

/// <summary>Writes QuantizeLinear/DequantizeLinear nodes and integer initializers.</summary>
internal static class QdqGraphWriter
{
    /// <summary>
    /// Applies <paramref name="plan"/> to <paramref name="graph"/> (in place). <paramref name="activationParams"/> maps each
    /// root activation's range source to its parameters; <paramref name="weights"/> may supply pre-rounded weights
    /// by node name (GPTQ), others are quantized round-to-nearest with <paramref name="weightBits"/> bits.
    /// </summary>
    public static QdqWriteResult Write(ModelGraph graph, QdqPlan plan, IReadOnlyDictionary<string, QuantParams> activationParams, int weightBits, IReadOnlyDictionary<string, QuantizedWeight>? weights = null)
    {
        if (graph.OpsetVersion < 13)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.OpsetTooOld, $"quantize: the model imports ai.onnx opset {graph.OpsetVersion}; per-channel QuantizeLinear/DequantizeLinear need opset 13 or newer. Re-export the model with opset 13+.");
        }

        var result = new QdqWriteResult();
        AbsorbActivations(graph, plan);
        var byName = plan.Activations.ToDictionary(a => a.Name, StringComparer.Ordinal);
        QuantParams ParamsOf(string tensor)
        {
            var root = plan.Root(byName[tensor]);
            return activationParams.TryGetValue(root.RangeSource, out var p)
                ? p
                : throw new EdgeException(DiagnosticCatalog.Quantization.CalibrationFailed, $"quantize: no calibrated range for tensor '{root.RangeSource}'. Check that the calibration set reaches this part of the model.");
        }

        var quantizedWeights = new Dictionary<string, QuantizedWeight>(StringComparer.Ordinal);
        var nodesByName = graph.Nodes.Where(n => n.Name.Length > 0).GroupBy(n => n.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var newNodes = new List<NodeProto>();
        var parameterNames = new Dictionary<string, (string Scale, string ZeroPoint)>(StringComparer.Ordinal);

        foreach (var constant in plan.Constants.OrderBy(c => c.Kind == ConstantKind.Bias ? 1 : 0))
        {
            var node = nodesByName[constant.Node];
            var source = graph.GetInitializer(constant.Initializer)!;
            var floats = TensorProtoConverter.ToFloatArray(source);
            var shape = source.Dims.ToArray();
            string quantName, scaleName, zeroName;
            int? axis = null;
            switch (constant.Kind)
            {
                case ConstantKind.Weight:
                {
                    var key = constant.Initializer + "#" + constant.Axis;
                    if (!quantizedWeights.TryGetValue(key, out var qw))
                    {
                        qw = weights?.GetValueOrDefault(constant.Node) is { } given && given.Axis == constant.Axis ? given : PerChannelWeightQuantizer.Quantize(floats, shape, constant.Axis, weightBits);
                        quantizedWeights[key] = qw;
                        quantizedWeights[constant.Initializer] = qw;
                    }

                    (quantName, scaleName, zeroName) = AddIntegerTensor(graph, constant.Initializer, Tensor.Create(TensorElementType.Int8, qw.Values, shape), qw.Scales, TensorElementType.Int8, constant.Axis >= 0);
                    axis = constant.Axis >= 0 ? constant.Axis : null;
                    break;
                }

                case ConstantKind.Bias:
                {
                    var inputParams = ParamsOf(constant.ActivationInput!);
                    var qw = quantizedWeights[constant.WeightInput!];
                    var scales = new float[floats.Length];
                    var values = new int[floats.Length];
                    for (var i = 0; i < floats.Length; i++)
                    {
                        scales[i] = inputParams.Scale * qw.Scales[qw.Scales.Length == 1 ? 0 : i];
                        values[i] = (int)Math.Clamp(Math.Round((double)floats[i] / scales[i], MidpointRounding.ToEven), int.MinValue, int.MaxValue);
                    }

                    (quantName, scaleName, zeroName) = AddIntegerTensor(graph, constant.Initializer, Tensor.Create(TensorElementType.Int32, values, shape), scales, TensorElementType.Int32, true);
                    axis = 0;
                    break;
                }

                default:
                {
                    var p = QuantParams.ForActivation(floats.DefaultIfEmpty(0f).Min(), floats.DefaultIfEmpty(0f).Max(), plan.ActivationType, plan.ActivationSymmetric);
                    var data = plan.ActivationType == TensorElementType.UInt8
                        ? (Array)floats.Select(v => (byte)p.Quantize(v)).ToArray()
                        : floats.Select(v => (sbyte)p.Quantize(v)).ToArray();
                    (quantName, scaleName, zeroName) = AddIntegerTensor(graph, constant.Initializer, Tensor.Create(plan.ActivationType, data, shape), [p.Scale], plan.ActivationType, false, p.ZeroPoint);
                    break;
                }
            }

            var dqOut = graph.UniqueName(constant.Initializer + "_dequantized");
            var dq = MakeNode("DequantizeLinear", graph.UniqueName(constant.Initializer + "_DequantizeLinear"), [quantName, scaleName, zeroName], dqOut);
            if (axis is { } a)
            {
                dq.SetInt("axis", a);
            }

            node.Input[constant.InputIndex] = dqOut;
            newNodes.Add(dq);
            graph.AddNode(dq);
            result.DequantizeNodes++;
        }

        foreach (var activation in plan.Activations)
        {
            var root = plan.Root(activation);
            if (!parameterNames.TryGetValue(root.Name, out var names))
            {
                var p = ParamsOf(activation.Name);
                var scale = graph.UniqueName(root.Name + "_scale");
                graph.SetInitializer(TensorProtoConverter.FromFloat(scale, [p.Scale]));
                var zero = graph.UniqueName(root.Name + "_zero_point");
                graph.SetInitializer(TensorProtoConverter.FromTensor(zero, ZeroPointTensor(p)));
                parameterNames[root.Name] = names = (scale, zero);
            }

            var consumers = graph.Consumers(activation.Name).ToList();
            var input = activation.Name;
            var isOutput = graph.IsGraphOutput(activation.Name);
            if (isOutput && graph.Producer(activation.Name) is { } producer)
            {
                input = graph.UniqueName(activation.Name + "_float");
                for (var i = 0; i < producer.Output.Count; i++)
                {
                    if (producer.Output[i] == activation.Name)
                    {
                        producer.Output[i] = input;
                    }
                }
            }

            var quantized = graph.UniqueName(activation.Name + "_quantized");
            var q = MakeNode("QuantizeLinear", graph.UniqueName(activation.Name + "_QuantizeLinear"), [input, names.Scale, names.ZeroPoint], quantized);
            graph.AddNode(q);
            result.QuantizeNodes++;
            if (isOutput)
            {
                graph.AddNode(MakeNode("DequantizeLinear", graph.UniqueName(activation.Name + "_DequantizeLinear"), [quantized, names.Scale, names.ZeroPoint], activation.Name));
                result.DequantizeNodes++;
                result.DequantizedTensors[activation.Name] = activation.Name;
            }

            foreach (var consumer in consumers)
            {
                var dqOut = graph.UniqueName(activation.Name + "_dequantized");
                graph.AddNode(MakeNode("DequantizeLinear", graph.UniqueName(activation.Name + "_DequantizeLinear"), [quantized, names.Scale, names.ZeroPoint], dqOut));
                result.DequantizeNodes++;
                for (var i = 0; i < consumer.Input.Count; i++)
                {
                    if (consumer.Input[i] == activation.Name)
                    {
                        consumer.Input[i] = dqOut;
                    }
                }

                result.DequantizedTensors.TryAdd(activation.Name, dqOut);
            }
        }

        graph.Invalidate();
        graph.RemoveUnusedInitializers();
        graph.SortTopologically();
        return result;
    }

    /// <summary>Removes absorbed Relu/Clip nodes; their producers write the activation's output directly.</summary>
    public static void AbsorbActivations(ModelGraph graph, QdqPlan plan)
    {
        foreach (var absorbed in plan.Absorbed)
        {
            var node = graph.Nodes.First(n => n.Name == absorbed.Node);
            var producer = graph.Nodes.First(n => n.Name == absorbed.Producer);
            for (var i = 0; i < producer.Output.Count; i++)
            {
                if (producer.Output[i] == absorbed.Input)
                {
                    producer.Output[i] = absorbed.Output;
                }
            }

            graph.RemoveNode(node);
        }

        graph.Invalidate();
    }

    /// <summary>Returns the zero-point tensor (scalar) of activation parameters.</summary>
    public static Tensor ZeroPointTensor(QuantParams p) => p.Type == TensorElementType.UInt8
        ? Tensor.Create(TensorElementType.UInt8, new[] { (byte)p.ZeroPoint }, [])
        : Tensor.Create(TensorElementType.Int8, new[] { (sbyte)p.ZeroPoint }, []);

    private static (string Quantized, string Scale, string ZeroPoint) AddIntegerTensor(ModelGraph graph, string baseName, Tensor values, float[] scales, TensorElementType type, bool perChannel, int zeroPoint = 0)
    {
        var quantName = graph.UniqueName(baseName + "_quantized");
        graph.SetInitializer(TensorProtoConverter.FromTensor(quantName, values));
        var scaleName = graph.UniqueName(baseName + "_scale");
        long[] paramShape = perChannel ? [scales.Length] : [];
        graph.SetInitializer(TensorProtoConverter.FromTensor(scaleName, Tensor.Create(TensorElementType.Float, paramShape.Length == 0 ? new[] { scales[0] } : scales, paramShape)));
        var zeroName = graph.UniqueName(baseName + "_zero_point");
        var count = paramShape.Length == 0 ? 1 : scales.Length;
        Array zeros = type switch
        {
            TensorElementType.Int32 => Enumerable.Repeat(zeroPoint, count).ToArray(),
            TensorElementType.UInt8 => Enumerable.Repeat((byte)zeroPoint, count).ToArray(),
            _ => Enumerable.Repeat((sbyte)zeroPoint, count).ToArray(),
        };
        graph.SetInitializer(TensorProtoConverter.FromTensor(zeroName, Tensor.Create(type, zeros, paramShape)));
        return (quantName, scaleName, zeroName);
    }

    private static NodeProto MakeNode(string opType, string name, IEnumerable<string> inputs, string output)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }
}
