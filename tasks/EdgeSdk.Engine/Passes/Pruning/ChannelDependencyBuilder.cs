// Walks a graph once in topological order and works out which channels must be pruned together: each
// Conv/Gemm/MatMul with a constant weight starts a channel group; channel-wise operators (activations,
// BatchNormalization, pooling, depthwise Conv) carry it on; residual Adds merge the groups of their
// branches; Concat lays groups side by side; Flatten→Gemm expands a channel into its block of columns.
// Anything the walk does not understand freezes the groups that reach it, so surgery never guesses.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Onnx.Shapes;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Builds <see cref="ChannelDependencies"/> for a graph.</summary>
internal sealed class ChannelDependencyBuilder
{
    private static readonly HashSet<string> Unary = new(StringComparer.Ordinal)
    {
        "Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish", "Elu", "Selu", "Gelu", "Softplus",
        "Identity", "Dropout", "Neg", "Abs", "Erf", "Mish", "Celu", "ThresholdedRelu", "Softsign",
    };

    private static readonly HashSet<string> Binary = new(StringComparer.Ordinal) { "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "PRelu" };

    private static readonly HashSet<string> Spatial = new(StringComparer.Ordinal) { "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool" };

    private static readonly HashSet<string> Reductions = new(StringComparer.Ordinal) { "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceL1" };

    private readonly ModelGraph _graph;
    private readonly Func<NodeProto, bool> _skip;
    private readonly ChannelDependencies _deps = new();
    private readonly Dictionary<string, ChannelLayout> _layouts;
    private readonly ShapeInferenceResult _types;

    private ChannelDependencyBuilder(ModelGraph graph, Func<NodeProto, bool> skip)
    {
        _graph = graph;
        _skip = skip;
        _layouts = _deps.Tensors;
        _types = ShapeInference.Infer(graph);
    }

    /// <summary>Analyses the graph. <paramref name="skip"/> selects layers whose output channels must stay.</summary>
    public static ChannelDependencies Build(ModelGraph graph, Func<NodeProto, bool> skip)
    {
        var builder = new ChannelDependencyBuilder(graph, skip);
        foreach (var node in graph.TopologicalOrder())
        {
            builder.Visit(node);
        }

        foreach (var output in graph.Graph.Output)
        {
            builder._deps.Freeze(builder.LayoutOf(output.Name), $"'{output.Name}' is a graph output");
        }

        return builder._deps;
    }

    private ChannelLayout? LayoutOf(string name) => _layouts.GetValueOrDefault(name);

    private void SetOutput(NodeProto node, ChannelLayout? layout, int index = 0)
    {
        if (layout is not null && node.Output.Count > index && node.Output[index].Length > 0)
        {
            _layouts[node.Output[index]] = layout;
        }
    }

    private void Visit(NodeProto node)
    {
        if (node.Domain is not ("" or "ai.onnx"))
        {
            FreezeInputs(node, $"custom operator {node.Domain}.{node.OpType}");
            return;
        }

        switch (node.OpType)
        {
            case "Conv":
                VisitConv(node);
                break;
            case "Gemm":
                VisitGemm(node);
                break;
            case "MatMul":
                VisitMatMul(node);
                break;
            case "BatchNormalization":
                VisitBatchNorm(node);
                break;
            case var op when Unary.Contains(op):
                SetOutput(node, LayoutOf(node.Input[0]));
                break;
            case var op when Binary.Contains(op):
                VisitElementwise(node);
                break;
            case var op when Spatial.Contains(op):
                VisitSpatial(node);
                break;
            case var op when Reductions.Contains(op):
                VisitReduction(node);
                break;
            case "Concat":
                VisitConcat(node);
                break;
            case "Flatten":
                VisitFlatten(node, node.GetInt("axis", 1));
                break;
            case "Reshape":
                VisitReshape(node);
                break;
            case "Squeeze":
                VisitSqueeze(node);
                break;
            default:
                FreezeInputs(node, $"{node.OpType} node '{node.Name}' reads it");
                break;
        }
    }

    private void FreezeInputs(NodeProto node, string reason)
    {
        foreach (var input in ModelGraph.AllInputsIncludingSubgraphs(node))
        {
            _deps.Freeze(LayoutOf(input), reason);
        }
    }

    private TensorProto? OwnedFloatInitializer(string name) =>
        name.Length > 0 && _graph.GetInitializer(name) is { DataType: (int)TensorProto.Types.DataType.Float } t && _graph.Consumers(name).Count == 1 ? t : null;

    private static ChannelLayout NewLayout(int group, int axis, int rank) => new([new ChannelSegment(group, 1)], axis, rank);

    private void VisitConv(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        var weight = OwnedFloatInitializer(node.Input[1]);
        var biasName = node.Input.Count > 2 ? node.Input[2] : string.Empty;
        var bias = biasName.Length > 0 ? OwnedFloatInitializer(biasName) : null;
        if (weight is null || (biasName.Length > 0 && bias is null))
        {
            _deps.Freeze(input, $"Conv '{node.Name}' has a weight or bias that is not a float initializer of its own");
            return;
        }

        var w = weight.Dims.ToArray();
        var groups = node.GetInt("group", 1);
        var inChannels = w[1] * groups;
        if (input is not null && (input.Axis != 1 || input.PendingSpatial || _deps.ChannelCount(input) != inChannels))
        {
            _deps.Freeze(input, $"Conv '{node.Name}' reads it with an unexpected channel layout");
            input = null;
        }

        if (groups == 1)
        {
            if (input is not null)
            {
                _deps.Slices.Add(new InitializerSlice(weight.Name, 1, input));
            }

            var group = _deps.NewGroup(w[0], node.Name);
            var output = NewLayout(group, 1, w.Length);
            AddProducer(node, weight.Name, 0, bias, output);
            if (_skip(node))
            {
                _deps.Freeze(group, $"layer '{node.Name}' is skipped");
            }

            return;
        }

        if (w[1] == 1 && groups == inChannels && w[0] % groups == 0 && input is not null)
        {
            // Depthwise: output channel j reads input channel j / multiplier, so it follows that channel.
            var output = input.Expand(w[0] / groups) with { Rank = w.Length };
            _deps.Slices.Add(new InitializerSlice(weight.Name, 0, output));
            if (bias is not null)
            {
                _deps.Slices.Add(new InitializerSlice(bias.Name, 0, output));
            }

            _deps.Sources.Add(new ImportanceSource(weight.Name, 0, output, false));
            _deps.GroupEdits.Add(new GroupAttributeEdit(node, input));
            if (_skip(node))
            {
                _deps.Freeze(input, $"layer '{node.Name}' is skipped");
            }

            SetOutput(node, output);
            return;
        }

        _deps.Freeze(input, $"grouped Conv '{node.Name}' (group={groups}) keeps its channel count");
    }

    private void AddProducer(NodeProto node, string weight, int outAxis, TensorProto? bias, ChannelLayout output)
    {
        _deps.Slices.Add(new InitializerSlice(weight, outAxis, output));
        _deps.Sources.Add(new ImportanceSource(weight, outAxis, output, false));
        if (bias is not null)
        {
            _deps.Slices.Add(new InitializerSlice(bias.Name, bias.Dims.Count - 1, output));
        }

        _deps.ProducerOutputs.Add((node.Output[0], output));
        SetOutput(node, output);
    }

    private ChannelLayout? ResolveMatrixInput(NodeProto node, ChannelLayout? input, long k)
    {
        if (input is null)
        {
            return null;
        }

        var count = _deps.ChannelCount(input);
        if (input.PendingSpatial)
        {
            if (count == 0 || k % count != 0)
            {
                _deps.Freeze(input, $"'{node.Name}' reads a flattened tensor whose size does not divide its weight");
                return null;
            }

            input = input.Expand(k / count) with { PendingSpatial = false };
            count = k;
        }

        if (count != k || !(input.Rank > 0 ? input.Axis == input.Rank - 1 : input.Axis == -1))
        {
            _deps.Freeze(input, $"'{node.Name}' reads it along another axis");
            return null;
        }

        return input;
    }

    private void VisitGemm(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        var weight = OwnedFloatInitializer(node.Input[1]);
        var biasName = node.Input.Count > 2 ? node.Input[2] : string.Empty;
        var bias = biasName.Length > 0 ? OwnedFloatInitializer(biasName) : null;
        if (weight is null || weight.Dims.Count != 2 || (biasName.Length > 0 && bias is null) || node.GetInt("transA", 0) != 0)
        {
            _deps.Freeze(input, $"Gemm '{node.Name}' has no own float weight, or transposes its input");
            return;
        }

        var transB = node.GetInt("transB", 0) != 0;
        long k = transB ? weight.Dims[1] : weight.Dims[0], n = transB ? weight.Dims[0] : weight.Dims[1];
        input = ResolveMatrixInput(node, input, k);
        if (input is not null)
        {
            _deps.Slices.Add(new InitializerSlice(weight.Name, transB ? 1 : 0, input));
        }

        var group = _deps.NewGroup(n, node.Name);
        if (bias is not null && bias.Dims.Aggregate(1L, (a, b) => a * b) != n && bias.Dims.Aggregate(1L, (a, b) => a * b) != 1)
        {
            _deps.Freeze(group, $"Gemm '{node.Name}' has a bias that is not per output");
        }

        var realBias = bias is not null && bias.Dims.Aggregate(1L, (a, b) => a * b) == n && n > 1 ? bias : null;
        AddProducer(node, weight.Name, transB ? 0 : 1, realBias, NewLayout(group, 1, 2));
        if (_skip(node))
        {
            _deps.Freeze(group, $"layer '{node.Name}' is skipped");
        }
    }

    private void VisitMatMul(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        var weight = OwnedFloatInitializer(node.Input[1]);
        if (weight is null || weight.Dims.Count != 2)
        {
            FreezeInputs(node, $"MatMul '{node.Name}' has no own 2-D float weight");
            return;
        }

        input = ResolveMatrixInput(node, input, weight.Dims[0]);
        if (input is not null)
        {
            _deps.Slices.Add(new InitializerSlice(weight.Name, 0, input));
        }

        var rank = input?.Rank ?? _types.TypeOf(node.Input[0]).Rank ?? 0;
        var group = _deps.NewGroup(weight.Dims[1], node.Name);
        AddProducer(node, weight.Name, 1, null, NewLayout(group, rank > 0 ? rank - 1 : -1, rank));
        if (_skip(node))
        {
            _deps.Freeze(group, $"layer '{node.Name}' is skipped");
        }
    }

    private void VisitBatchNorm(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        if (input is null)
        {
            return;
        }

        var parameters = node.Input.Skip(1).Take(4).Select(OwnedFloatInitializer).ToList();
        if (input.Axis != 1 || parameters.Count != 4 || parameters.Any(p => p is null) || node.Output.Skip(1).Any(o => o.Length > 0))
        {
            _deps.Freeze(input, $"BatchNormalization '{node.Name}' has parameters that are not its own initializers");
            return;
        }

        foreach (var p in parameters)
        {
            _deps.Slices.Add(new InitializerSlice(p!.Name, 0, input));
        }

        _deps.Sources.Add(new ImportanceSource(parameters[0]!.Name, 0, input, true));
        SetOutput(node, input);
    }

    private void VisitElementwise(NodeProto node)
    {
        var tracked = new List<ChannelLayout>();
        var constants = new List<TensorProto>();
        var blocked = false;
        foreach (var name in node.Input)
        {
            if (LayoutOf(name) is { } layout)
            {
                tracked.Add(layout);
            }
            else if (_graph.GetInitializer(name) is { } init)
            {
                constants.Add(init);
            }
            else if (_graph.Producer(name) is { OpType: "Constant" } constant && constant.Find("value")?.T is { } value && value.Dims.All(d => d == 1))
            {
                // A scalar from a Constant node (exporters write GELU's 1/sqrt(2) this way) broadcasts over any channels.
                continue;
            }
            else
            {
                blocked = true;
            }
        }

        if (tracked.Count == 0)
        {
            return;
        }

        var first = tracked[0];
        blocked |= tracked.Any(t => t.PendingSpatial || t.Rank != first.Rank || t.Axis != first.Axis || !Compatible(first, t));
        foreach (var c in constants)
        {
            blocked |= !RegisterBroadcastConstant(node, c, first);
        }

        if (blocked)
        {
            foreach (var t in tracked)
            {
                _deps.Freeze(t, $"{node.OpType} '{node.Name}' combines it with a tensor whose channels cannot follow");
            }

            return;
        }

        foreach (var t in tracked.Skip(1))
        {
            for (var i = 0; i < first.Segments.Count; i++)
            {
                _deps.Union(first.Segments[i].Group, t.Segments[i].Group);
            }
        }

        SetOutput(node, first);
    }

    private bool Compatible(ChannelLayout a, ChannelLayout b) =>
        a.Segments.Count == b.Segments.Count
        && a.Segments.Zip(b.Segments).All(p => p.First.Expansion == p.Second.Expansion && _deps.Size(p.First.Group) == _deps.Size(p.Second.Group));

    private bool RegisterBroadcastConstant(NodeProto node, TensorProto constant, ChannelLayout layout)
    {
        var dims = constant.Dims.ToArray();
        if (dims.All(d => d == 1))
        {
            return true;
        }

        if (layout.Rank == 0 || dims.Length > layout.Rank || constant.DataType != (int)TensorProto.Types.DataType.Float || _graph.Consumers(constant.Name).Count != 1)
        {
            return false;
        }

        var axis = layout.Axis - (layout.Rank - dims.Length);
        if (axis < 0 || dims[axis] == 1)
        {
            return dims.Select((d, i) => (d, i)).All(t => t.d == 1 || t.i != axis);
        }

        if (dims[axis] != _deps.ChannelCount(layout))
        {
            return false;
        }

        _deps.Slices.Add(new InitializerSlice(constant.Name, axis, layout));
        return true;
    }

    private void VisitSpatial(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        if (input is not null && input.Axis != 1)
        {
            _deps.Freeze(input, $"{node.OpType} '{node.Name}' expects channels on axis 1");
            return;
        }

        SetOutput(node, input);
    }

    private long[]? AxesOf(NodeProto node)
    {
        if (node.GetInts("axes") is { } attr)
        {
            return attr;
        }

        return node.Input.Count > 1 && _graph.GetInitializer(node.Input[1]) is { } init ? TensorProtoConverter.ToInt64Array(init) : null;
    }

    private void VisitReduction(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        if (input is null)
        {
            return;
        }

        var axes = AxesOf(node);
        if (axes is null || axes.Length == 0 || input.Rank == 0 || input.PendingSpatial)
        {
            _deps.Freeze(input, $"{node.OpType} '{node.Name}' may reduce over channels");
            return;
        }

        var normalized = axes.Select(a => a < 0 ? a + input.Rank : a).ToHashSet();
        if (normalized.Contains(input.Axis))
        {
            _deps.Freeze(input, $"{node.OpType} '{node.Name}' reduces over channels");
            return;
        }

        SetOutput(node, node.GetInt("keepdims", 1) != 0 ? input : Drop(input, normalized));
    }

    private static ChannelLayout Drop(ChannelLayout layout, HashSet<long> axes) =>
        layout with { Axis = layout.Axis - axes.Count(a => a < layout.Axis), Rank = layout.Rank - axes.Count };

    private void VisitSqueeze(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        if (input is null)
        {
            return;
        }

        var axes = AxesOf(node);
        if (axes is null || input.Rank == 0 || input.PendingSpatial)
        {
            _deps.Freeze(input, $"Squeeze '{node.Name}' has no constant axes");
            return;
        }

        var normalized = axes.Select(a => a < 0 ? a + input.Rank : a).ToHashSet();
        if (normalized.Contains(input.Axis))
        {
            _deps.Freeze(input, $"Squeeze '{node.Name}' removes the channel axis");
            return;
        }

        SetOutput(node, Drop(input, normalized));
    }

    private void VisitConcat(NodeProto node)
    {
        var inputs = node.Input.Select(LayoutOf).ToList();
        var axis = node.GetInt("axis", 1);
        var first = inputs.FirstOrDefault(i => i is not null);
        if (first is null)
        {
            return;
        }

        if (inputs.Any(i => i is null || i.PendingSpatial || i.Rank != first.Rank || i.Axis != first.Axis || !i.IsChannelAxis(axis)))
        {
            FreezeInputs(node, $"Concat '{node.Name}' joins it with tensors whose channels are not tracked or along another axis");
            return;
        }

        SetOutput(node, first with { Segments = inputs.SelectMany(i => i!.Segments).ToList() });
    }

    private void VisitFlatten(NodeProto node, long axis)
    {
        var input = LayoutOf(node.Input[0]);
        if (input is null)
        {
            return;
        }

        if (axis != 1 || input.Axis != 1 || input.Rank < 2 || input.PendingSpatial)
        {
            _deps.Freeze(input, $"{node.OpType} '{node.Name}' mixes channels with other axes");
            return;
        }

        SetOutput(node, input with { Rank = 2, PendingSpatial = input.Rank > 2 });
    }

    private void VisitReshape(NodeProto node)
    {
        var input = LayoutOf(node.Input[0]);
        if (input is null)
        {
            return;
        }

        var shape = node.Input.Count > 1 && _graph.GetInitializer(node.Input[1]) is { } s ? TensorProtoConverter.ToInt64Array(s) : null;
        if (shape is { Length: 2 } && shape[1] == -1 && shape[0] >= 0)
        {
            VisitFlatten(node, 1);
            return;
        }

        _deps.Freeze(input, $"Reshape '{node.Name}' changes the channel axis");
    }
}
