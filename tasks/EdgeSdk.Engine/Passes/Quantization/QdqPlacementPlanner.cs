// Decides where QuantizeLinear/DequantizeLinear pairs go so that ONNX Runtime's QDQ transformers fuse
// them into integer kernels (QLinearConv, QLinearMatMul/MatMulIntegerToFloat, QGemm, QLinearAdd/Mul,
// QLinearConcat, QLinearAveragePool/GlobalAveragePool, …): Relu/Clip after a quantized producer are
// absorbed into the producer's output range, data-movement ops (Reshape, Transpose, Flatten, MaxPool …)
// reuse their input's parameters so ORT drops their Q/DQ and runs them on integers, and residual Adds
// and Concats are quantized. It only reads the graph: ModelGraph + options in, QdqPlan out, so the qat
// pass can reuse it.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Placement options (a subset of the quantize options, so other passes can plan without calibrating).</summary>
internal sealed record QdqPlacementOptions
{
    /// <summary>Gets the activation integer type.</summary>
    public TensorElementType ActivationType { get; init; } = TensorElementType.UInt8;

    /// <summary>Gets whether activations are symmetric (then Relu/Clip cannot be absorbed).</summary>
    public bool ActivationSymmetric { get; init; }

    /// <summary>Gets whether weights are quantized per channel.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>Gets node names kept float.</summary>
    public IReadOnlyCollection<string> ExcludeNodes { get; init; } = [];

    /// <summary>Gets operator types kept float.</summary>
    public IReadOnlyCollection<string> ExcludeOpTypes { get; init; } = [];

    /// <summary>Gets whether the first weighted layer stays float.</summary>
    public bool KeepFirstLayerFloat { get; init; }

    /// <summary>Gets whether the last weighted layer stays float.</summary>
    public bool KeepLastLayerFloat { get; init; }

    /// <summary>Gets whether a first Conv on the model input with at most <see cref="QdqPlacementPlanner.SmallConvMacs"/> multiply-adds per output stays float.</summary>
    public bool AutoFloatSmallFirstConv { get; init; }

    /// <summary>Creates placement options from the pass's options (plus extra nodes to keep float, e.g. from the fallback).</summary>
    public static QdqPlacementOptions From(QuantizationOptions options, IEnumerable<string>? extraFloatNodes = null) => new()
    {
        ActivationType = options.ActivationType,
        ActivationSymmetric = options.ActivationSymmetric,
        PerChannel = options.PerChannel,
        ExcludeNodes = options.ExcludeNodes.Concat(extraFloatNodes ?? []).ToHashSet(StringComparer.Ordinal),
        ExcludeOpTypes = options.ExcludeOpTypes,
        KeepFirstLayerFloat = options.KeepFirstLayerFloat,
        KeepLastLayerFloat = options.KeepLastLayerFloat,
        AutoFloatSmallFirstConv = options.AutoFloatSmallFirstConv,
    };
}

/// <summary>Plans QDQ placement on a float model.</summary>
internal static class QdqPlacementPlanner
{
    /// <summary>Operators with a weight input: Conv, Gemm, MatMul.</summary>
    public static readonly IReadOnlySet<string> WeightedOps = new HashSet<string>(StringComparer.Ordinal) { "Conv", "Gemm", "MatMul" };

    /// <summary>Multiply-adds per output (Cin/group·kh·kw) up to which a first Conv stays float under keep_first_layer_float: auto.</summary>
    public const long SmallConvMacs = 27;

    /// <summary>Returns whether an operator only moves data, so its output reuses its input's quantization parameters.</summary>
    public static bool IsSharingOp(string opType) => SharingOps.Contains(opType);

    private static readonly HashSet<string> BinaryOps = new(StringComparer.Ordinal) { "Add", "Mul" };
    private static readonly HashSet<string> VariadicOps = new(StringComparer.Ordinal) { "Concat" };
    private static readonly HashSet<string> UnaryOps = new(StringComparer.Ordinal) { "AveragePool", "GlobalAveragePool", "LeakyRelu", "Sigmoid", "Softmax" };
    private static readonly HashSet<string> SharingOps = new(StringComparer.Ordinal) { "Reshape", "Flatten", "Transpose", "Squeeze", "Unsqueeze", "MaxPool", "Gather", "Slice", "Expand", "Tile", "GatherElements" };
    private static readonly HashSet<string> AbsorbableActivations = new(StringComparer.Ordinal) { "Relu", "Clip" };

    /// <summary>Plans the placement.</summary>
    public static QdqPlan Plan(ModelGraph graph, QdqPlacementOptions options)
    {
        var order = graph.TopologicalOrder();
        var excludedNodes = new HashSet<string>(options.ExcludeNodes, StringComparer.Ordinal);
        var excludedTypes = new HashSet<string>(options.ExcludeOpTypes, StringComparer.Ordinal);
        var floatNodes = new List<FloatNode>();
        var weighted = order.Where(n => WeightedOps.Contains(n.OpType) && IsQuantizableWeighted(graph, n)).ToList();
        var firstLayer = options.KeepFirstLayerFloat && weighted.Count > 0 ? weighted[0].Name : null;
        var smallFirstConv = options.AutoFloatSmallFirstConv && weighted.Count > 0 && IsSmallConvOnInput(graph, weighted[0]) ? weighted[0].Name : null;
        var lastLayer = options.KeepLastLayerFloat && weighted.Count > 0 ? weighted[^1].Name : null;

        // 1. Which nodes compute on integers (before deciding which data movers follow them).
        var computeNodes = new HashSet<NodeProto>();
        foreach (var node in order)
        {
            var kind = Classify(node);
            if (kind == NodeKind.Other || kind == NodeKind.Sharing || kind == NodeKind.Absorbable)
            {
                continue;
            }

            string? reason = null;
            if (excludedNodes.Contains(node.Name))
            {
                reason = "excluded by name";
            }
            else if (excludedTypes.Contains(node.OpType))
            {
                reason = $"operator type {node.OpType} excluded";
            }
            else if (node.Name == firstLayer)
            {
                reason = "first layer kept float";
            }
            else if (node.Name == lastLayer)
            {
                reason = "last layer kept float";
            }
            else if (node.Name == smallFirstConv)
            {
                reason = $"first Conv on the model input has only {MacsPerOutput(graph, node)} multiply-adds per output; ONNX Runtime's float kernel is faster than QLinearConv there (keep_first_layer_float: auto)";
            }
            else if (kind == NodeKind.Weighted && !IsQuantizableWeighted(graph, node))
            {
                reason = "weight layout not supported by integer kernels";
            }
            else if (!FloatInputsOnly(graph, node))
            {
                reason = "non-float operand";
            }

            if (reason is null)
            {
                computeNodes.Add(node);
            }
            else
            {
                floatNodes.Add(new FloatNode(node.Name, node.OpType, reason));
            }
        }

        // 2. Relu/Clip absorbed into a quantized producer whose output only they read.
        var absorbed = new List<AbsorbedActivation>();
        var renamedOutput = new Dictionary<string, string>(StringComparer.Ordinal); // producer output -> activation output
        if (!options.ActivationSymmetric)
        {
            foreach (var node in order.Where(n => AbsorbableActivations.Contains(n.OpType)))
            {
                var producer = graph.Producer(node.Input[0]);
                if (producer is null || !computeNodes.Contains(producer) || excludedNodes.Contains(node.Name) || excludedTypes.Contains(node.OpType)
                    || graph.Consumers(node.Input[0]).Count != 1 || graph.IsGraphOutput(node.Input[0]) || !ClipStartsAtZero(graph, node))
                {
                    continue;
                }

                absorbed.Add(new AbsorbedActivation(node.Name, producer.Name, node.Input[0], node.Output[0]));
                renamedOutput[node.Input[0]] = node.Output[0];
            }
        }

        var absorbedNames = absorbed.Select(a => a.Node).ToHashSet(StringComparer.Ordinal);
        string Final(string tensor) => renamedOutput.GetValueOrDefault(tensor, tensor);
        IEnumerable<NodeProto> ConsumersOf(string finalTensor)
        {
            var original = renamedOutput.FirstOrDefault(kv => kv.Value == finalTensor).Key;
            return graph.Consumers(finalTensor).Concat(original is null ? [] : graph.Consumers(original)).Where(c => !absorbedNames.Contains(c.Name));
        }

        // 3. Data movers that follow a quantized tensor share its parameters; prune those feeding only float nodes.
        var quantizedOutputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in computeNodes)
        {
            quantizedOutputs.Add(Final(n.Output[0]));
        }

        var sharing = new HashSet<NodeProto>();
        foreach (var node in order.Where(n => Classify(n) == NodeKind.Sharing))
        {
            if (quantizedOutputs.Contains(node.Input[0]) && !excludedNodes.Contains(node.Name) && !excludedTypes.Contains(node.OpType) && node.Output.Count == 1)
            {
                sharing.Add(node);
                quantizedOutputs.Add(node.Output[0]);
            }
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var node in sharing.ToList())
            {
                if (!ConsumersOf(node.Output[0]).Any(c => computeNodes.Contains(c) || sharing.Contains(c)))
                {
                    sharing.Remove(node);
                    changed = true;
                }
            }
        }
        while (changed);

        // 4. Tensors that get Q/DQ, in topological order of their producers.
        var activations = new List<PlannedActivation>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        void AddActivation(string name, string? sharesWith)
        {
            if (planned.Add(name))
            {
                activations.Add(new PlannedActivation(name, name, sharesWith));
            }
        }

        var isInitializer = (string name) => graph.Initializers.ContainsKey(name);
        foreach (var input in graph.RealInputs)
        {
            if (graph.Consumers(input.Name).Any(computeNodes.Contains))
            {
                AddActivation(input.Name, null);
            }
        }

        var constants = new List<PlannedConstant>();
        foreach (var node in order)
        {
            if (computeNodes.Contains(node))
            {
                // Activation inputs not produced by a quantized node still need a Q/DQ pair in front.
                foreach (var (input, index) in node.Input.Select((x, i) => (x, i)))
                {
                    if (input.Length == 0)
                    {
                        continue;
                    }

                    if (isInitializer(input))
                    {
                        constants.Add(PlanConstant(graph, node, index, options));
                    }
                    else
                    {
                        AddActivation(input, null);
                    }
                }

                var output = Final(node.Output[0]);
                var kind = Classify(node);
                var needsQ = kind != NodeKind.Weighted || node.OpType == "Conv" || ConsumersOf(output).Any(c => computeNodes.Contains(c) || sharing.Contains(c));
                if (needsQ)
                {
                    AddActivation(output, null);
                }
            }
            else if (sharing.Contains(node))
            {
                AddActivation(node.Output[0], node.Input[0]);
            }
        }

        // Sharing ops' outputs must come after their inputs; order activations by first appearance already holds.
        var quantizedNodes = order.Where(n => computeNodes.Contains(n) || sharing.Contains(n)).Select(n => n.Name).ToList();
        return new QdqPlan
        {
            ActivationType = options.ActivationType,
            ActivationSymmetric = options.ActivationSymmetric,
            QuantizedNodes = quantizedNodes,
            QuantizedLayers = order.Where(n => computeNodes.Contains(n) && WeightedOps.Contains(n.OpType)).Select(n => n.Name).ToList(),
            Activations = activations,
            Constants = constants,
            Absorbed = absorbed,
            FloatNodes = floatNodes,
        };
    }

    private enum NodeKind
    {
        Other,
        Weighted,
        Binary,
        Variadic,
        Unary,
        Sharing,
        Absorbable,
    }

    private static NodeKind Classify(NodeProto node)
    {
        if (!string.IsNullOrEmpty(node.Domain) && node.Domain != "ai.onnx")
        {
            return NodeKind.Other;
        }

        return node.OpType switch
        {
            _ when WeightedOps.Contains(node.OpType) => NodeKind.Weighted,
            _ when BinaryOps.Contains(node.OpType) => NodeKind.Binary,
            _ when VariadicOps.Contains(node.OpType) => NodeKind.Variadic,
            _ when UnaryOps.Contains(node.OpType) => NodeKind.Unary,
            _ when SharingOps.Contains(node.OpType) => NodeKind.Sharing,
            _ when AbsorbableActivations.Contains(node.OpType) => NodeKind.Absorbable,
            _ => NodeKind.Other,
        };
    }

    /// <summary>Returns whether a Conv/Gemm/MatMul has a layout the integer kernels take.</summary>
    private static bool IsQuantizableWeighted(ModelGraph graph, NodeProto node)
    {
        switch (node.OpType)
        {
            case "Conv":
                return node.Input.Count >= 2 && graph.GetInitializer(node.Input[1]) is { } w && w.Dims.Count >= 3;
            case "Gemm":
                if (node.GetInt("transA", 0) != 0)
                {
                    return false;
                }

                if (node.Input.Count > 2 && node.Input[2].Length > 0 && Math.Abs(node.GetFloat("beta", 1f) - 1f) > 1e-6f)
                {
                    return false;
                }

                return node.Input.Count >= 2 && graph.GetInitializer(node.Input[1]) is { Dims.Count: 2 };
            case "MatMul":
                return graph.GetInitializer(node.Input[1]) is null or { Dims.Count: 2 };
            default:
                return false;
        }
    }

    private static long MacsPerOutput(ModelGraph graph, NodeProto conv) => graph.GetInitializer(conv.Input[1])!.Dims.Skip(1).Aggregate(1L, (a, b) => a * b);

    private static bool IsSmallConvOnInput(ModelGraph graph, NodeProto node) =>
        node.OpType == "Conv" && graph.IsGraphInput(node.Input[0]) && MacsPerOutput(graph, node) <= SmallConvMacs;

    private static bool FloatInputsOnly(ModelGraph graph, NodeProto node)
    {
        foreach (var input in node.Input.Where(i => i.Length > 0))
        {
            if (graph.GetInitializer(input) is { } init && init.DataType != (int)TensorElementType.Float)
            {
                return false;
            }

            // Shape arithmetic (Concat/Add/Mul of Shape, Gather, Unsqueeze, Cast results) is integer and stays as it is.
            if ((node.OpType == "Concat" || BinaryOps.Contains(node.OpType)) && graph.Producer(input) is { OpType: "Shape" or "Gather" or "Unsqueeze" or "Cast" })
            {
                return false;
            }
        }

        return true;
    }

    private static bool ClipStartsAtZero(ModelGraph graph, NodeProto node)
    {
        if (node.OpType == "Relu")
        {
            return true;
        }

        // Clip(min, max): absorbable when min is a constant 0 (the quantized range then starts at 0 and saturates at the observed max ≤ max).
        if (node.Input.Count < 2 || node.Input[1].Length == 0)
        {
            return node.GetFloat("min", float.MinValue) == 0f;
        }

        return graph.GetInitializer(node.Input[1]) is { } min && TensorProtoConverter.ToFloatArray(min) is [0f];
    }

    private static PlannedConstant PlanConstant(ModelGraph graph, NodeProto node, int index, QdqPlacementOptions options)
    {
        var name = node.Input[index];
        var dims = graph.GetInitializer(name)!.Dims;
        switch (node.OpType)
        {
            case "Conv" when index == 1:
                return new PlannedConstant(node.Name, index, name, ConstantKind.Weight, options.PerChannel ? 0 : -1);
            case "Conv" when index == 2:
                return new PlannedConstant(node.Name, index, name, ConstantKind.Bias, 0, node.Input[0], node.Input[1]);
            case "Gemm" when index == 1:
                return new PlannedConstant(node.Name, index, name, ConstantKind.Weight, options.PerChannel ? (node.GetInt("transB", 0) != 0 ? 0 : 1) : -1);
            case "Gemm" when index == 2 && dims.Count == 1:
                return new PlannedConstant(node.Name, index, name, ConstantKind.Bias, 0, node.Input[0], node.Input[1]);
            case "MatMul" when index == 1 && dims.Count == 2:
                return new PlannedConstant(node.Name, index, name, ConstantKind.Weight, options.PerChannel ? 1 : -1);
            default:
                return new PlannedConstant(node.Name, index, name, ConstantKind.Operand, -1);
        }
    }
}
