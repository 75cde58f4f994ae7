// Decides where QuantizeLinear/DequantizeLinear pairs go so that ONNX Runtime's QDQ transformers fuse
// them into integer kernels (QLinearConv, QLinearMatMul/MatMulIntegerToFloat, QGemm, QLinearAdd/Mul,
// QLinearConcat, QLinearAveragePool/GlobalAveragePool, …), in four steps: compute nodes (the shared node
// selector, then each operator's own handler from QdqOperatorRegistry), Relu/Clip absorbed into a
// quantized producer's range, data movers (Reshape, Transpose, MaxPool …) sharing their input's
// parameters so ORT runs them on integers, and the tensors and constants that get Q/DQ. It only reads the
// graph: ModelGraph + options in, QdqPlan out, so the qat pass can reuse it.
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

    /// <summary>Gets whether a first Conv on the model input with at most <see cref="QuantizationNodeSelector.SmallConvMacs"/> multiply-adds per output stays float.</summary>
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

    /// <summary>Gets the node selection these options make.</summary>
    public NodeSelectionOptions Selection => new()
    {
        ExcludeNodes = ExcludeNodes,
        ExcludeOpTypes = ExcludeOpTypes,
        KeepFirstLayerFloat = KeepFirstLayerFloat,
        KeepLastLayerFloat = KeepLastLayerFloat,
        AutoFloatSmallFirstConv = AutoFloatSmallFirstConv,
    };
}

/// <summary>Plans QDQ placement on a float model.</summary>
internal static class QdqPlacementPlanner
{
    /// <summary>Returns whether an operator only moves data, so its output reuses its input's quantization parameters.</summary>
    public static bool IsSharingOp(string opType) => QdqOperatorRegistry.IsDataMovement(opType);

    /// <summary>Plans the placement.</summary>
    public static QdqPlan Plan(ModelGraph graph, QdqPlacementOptions options)
    {
        var order = graph.TopologicalOrder();
        var layers = order.Where(n => QdqOperatorRegistry.All.GetValueOrDefault(n.OpType) is { IsLayer: true } op && op.IsQuantizable(graph, n)).ToList();
        var selector = new QuantizationNodeSelector(graph, layers, options.Selection);
        var (compute, floatNodes) = SelectComputeNodes(graph, order, selector);
        var absorbed = options.ActivationSymmetric ? [] : AbsorbActivations(graph, order, compute, selector);
        var flow = new QuantizedFlow(graph, absorbed);
        var sharing = SelectDataMovers(graph, order, compute, selector, flow);
        var (activations, constants) = PlaceQdq(graph, order, compute, sharing, flow, options);
        return new QdqPlan
        {
            ActivationType = options.ActivationType,
            ActivationSymmetric = options.ActivationSymmetric,
            QuantizedNodes = order.Where(n => compute.Contains(n) || sharing.Contains(n)).Select(n => n.Name).ToList(),
            QuantizedLayers = order.Where(n => compute.Contains(n) && QdqOperatorRegistry.Find(n)!.IsLayer).Select(n => n.Name).ToList(),
            Activations = activations,
            Constants = constants,
            Absorbed = absorbed,
            FloatNodes = floatNodes,
        };
    }

    // 1. Which nodes compute on integers: the selection, then each operator's own constraints.
    private static (HashSet<NodeProto> Compute, List<FloatNode> Float) SelectComputeNodes(ModelGraph graph, IReadOnlyList<NodeProto> order, QuantizationNodeSelector selector)
    {
        var compute = new HashSet<NodeProto>();
        var floatNodes = new List<FloatNode>();
        foreach (var node in order)
        {
            if (QdqOperatorRegistry.Find(node) is not { Role: QdqRole.Compute } op)
            {
                continue;
            }

            if ((selector.FloatReason(node) ?? op.RejectReason(graph, node)) is { } reason)
            {
                floatNodes.Add(new FloatNode(node.Name, node.OpType, reason));
            }
            else
            {
                compute.Add(node);
            }
        }

        return (compute, floatNodes);
    }

    // 2. Relu/Clip absorbed into a quantized producer whose output only they read.
    private static List<AbsorbedActivation> AbsorbActivations(ModelGraph graph, IReadOnlyList<NodeProto> order, HashSet<NodeProto> compute, QuantizationNodeSelector selector)
    {
        var absorbed = new List<AbsorbedActivation>();
        foreach (var node in order.Where(n => QdqOperatorRegistry.Find(n) is { Role: QdqRole.AbsorbableActivation }))
        {
            var producer = graph.Producer(node.Input[0]);
            if (producer is null || !compute.Contains(producer) || selector.Exclusion(node) is not null
                || graph.Consumers(node.Input[0]).Count != 1 || graph.IsGraphOutput(node.Input[0]) || !QdqAbsorbableActivation.StartsAtZero(graph, node))
            {
                continue;
            }

            absorbed.Add(new AbsorbedActivation(node.Name, producer.Name, node.Input[0], node.Output[0]));
        }

        return absorbed;
    }

    // 3. Data movers that follow a quantized tensor share its parameters; those feeding only float nodes are dropped.
    private static HashSet<NodeProto> SelectDataMovers(ModelGraph graph, IReadOnlyList<NodeProto> order, HashSet<NodeProto> compute, QuantizationNodeSelector selector, QuantizedFlow flow)
    {
        var quantizedOutputs = compute.Select(n => flow.Final(n.Output[0])).ToHashSet(StringComparer.Ordinal);
        var sharing = new HashSet<NodeProto>();
        foreach (var node in order.Where(n => QdqOperatorRegistry.Find(n) is { Role: QdqRole.DataMovement }))
        {
            if (quantizedOutputs.Contains(node.Input[0]) && selector.Exclusion(node) is null && node.Output.Count == 1)
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
                if (!flow.ConsumersOf(node.Output[0]).Any(c => compute.Contains(c) || sharing.Contains(c)))
                {
                    sharing.Remove(node);
                    changed = true;
                }
            }
        }
        while (changed);

        return sharing;
    }

    // 4. Tensors that get Q/DQ, in topological order of their producers, and the constants stored as integers.
    private static (List<PlannedActivation> Activations, List<PlannedConstant> Constants) PlaceQdq(ModelGraph graph, IReadOnlyList<NodeProto> order, HashSet<NodeProto> compute, HashSet<NodeProto> sharing, QuantizedFlow flow, QdqPlacementOptions options)
    {
        var activations = new List<PlannedActivation>();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        void AddActivation(string name, string? sharesWith)
        {
            if (planned.Add(name))
            {
                activations.Add(new PlannedActivation(name, name, sharesWith));
            }
        }

        foreach (var input in graph.RealInputs)
        {
            if (graph.Consumers(input.Name).Any(compute.Contains))
            {
                AddActivation(input.Name, null);
            }
        }

        var constants = new List<PlannedConstant>();
        foreach (var node in order)
        {
            if (compute.Contains(node))
            {
                var op = QdqOperatorRegistry.Find(node)!;

                // Activation inputs not produced by a quantized node still need a Q/DQ pair in front.
                foreach (var (input, index) in node.Input.Select((x, i) => (x, i)))
                {
                    if (input.Length == 0)
                    {
                        continue;
                    }

                    if (graph.Initializers.ContainsKey(input))
                    {
                        constants.Add(op.PlanConstant(graph, node, index, options));
                    }
                    else
                    {
                        AddActivation(input, null);
                    }
                }

                var output = flow.Final(node.Output[0]);
                if (op.AlwaysQuantizesOutput || flow.ConsumersOf(output).Any(c => compute.Contains(c) || sharing.Contains(c)))
                {
                    AddActivation(output, null);
                }
            }
            else if (sharing.Contains(node))
            {
                AddActivation(node.Output[0], node.Input[0]);
            }
        }

        return (activations, constants);
    }

    /// <summary>Tensor names after absorption: an absorbed activation's output replaces its producer's.</summary>
    private sealed class QuantizedFlow
    {
        private readonly ModelGraph _graph;
        private readonly Dictionary<string, string> _renamed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _absorbed;

        public QuantizedFlow(ModelGraph graph, IReadOnlyList<AbsorbedActivation> absorbed)
        {
            _graph = graph;
            foreach (var a in absorbed)
            {
                _renamed[a.Input] = a.Output;
            }

            _absorbed = absorbed.Select(a => a.Node).ToHashSet(StringComparer.Ordinal);
        }

        /// <summary>Returns the tensor that carries <paramref name="tensor"/>'s values after absorption.</summary>
        public string Final(string tensor) => _renamed.GetValueOrDefault(tensor, tensor);

        /// <summary>Returns the readers of a (final) tensor, absorbed activations left out.</summary>
        public IEnumerable<NodeProto> ConsumersOf(string finalTensor)
        {
            var original = _renamed.FirstOrDefault(kv => kv.Value == finalTensor).Key;
            return _graph.Consumers(finalTensor).Concat(original is null ? [] : _graph.Consumers(original)).Where(c => !_absorbed.Contains(c.Name));
        }
    }
}
