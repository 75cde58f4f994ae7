// The one node selection every quantization mode uses (as ONNX Runtime's quantizer has one
// should-quantize decision for QDQ, dynamic and weight-only): nodes excluded by name or operator type,
// the first and last layer kept float on request, and, under keep_first_layer_float: auto, a first Conv on
// the model input too small for the integer kernel to pay off. Each rejection comes with the reason the
// report shows. What a mode can quantize at all (weight layouts, operand types) is the mode's business.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Which nodes the recipe keeps float, whatever the mode.</summary>
internal sealed record NodeSelectionOptions
{
    /// <summary>Gets node names kept float (the recipe's exclude_nodes plus layers the fallback returned to float).</summary>
    public IReadOnlyCollection<string> ExcludeNodes { get; init; } = [];

    /// <summary>Gets operator types kept float.</summary>
    public IReadOnlyCollection<string> ExcludeOpTypes { get; init; } = [];

    /// <summary>Gets whether the first layer stays float.</summary>
    public bool KeepFirstLayerFloat { get; init; }

    /// <summary>Gets whether the last layer stays float.</summary>
    public bool KeepLastLayerFloat { get; init; }

    /// <summary>Gets whether a small first Conv on the model input stays float (keep_first_layer_float: auto).</summary>
    public bool AutoFloatSmallFirstConv { get; init; }

    /// <summary>Creates the selection of a quantize run, with <paramref name="extraFloatNodes"/> also kept float.</summary>
    public static NodeSelectionOptions From(QuantizationOptions options, IEnumerable<string>? extraFloatNodes = null) => new()
    {
        ExcludeNodes = options.ExcludeNodes.Concat(extraFloatNodes ?? []).ToHashSet(StringComparer.Ordinal),
        ExcludeOpTypes = options.ExcludeOpTypes,
        KeepFirstLayerFloat = options.KeepFirstLayerFloat,
        KeepLastLayerFloat = options.KeepLastLayerFloat,
        AutoFloatSmallFirstConv = options.AutoFloatSmallFirstConv,
    };
}

/// <summary>Decides, for every mode, which nodes the recipe's selection keeps float and why.</summary>
internal sealed class QuantizationNodeSelector
{
    /// <summary>Multiply-adds per output (Cin/group·kh·kw) up to which a first Conv stays float under keep_first_layer_float: auto.</summary>
    public const long SmallConvMacs = 27;

    private readonly ModelGraph _graph;
    private readonly HashSet<string> _excludedNodes;
    private readonly HashSet<string> _excludedTypes;
    private readonly string? _firstLayer;
    private readonly string? _lastLayer;
    private readonly string? _smallFirstConv;

    /// <summary>Creates the selector.</summary>
    /// <param name="graph">The float model.</param>
    /// <param name="layers">The mode's quantizable layers in topological order (first and last are taken from these).</param>
    /// <param name="options">The selection.</param>
    public QuantizationNodeSelector(ModelGraph graph, IReadOnlyList<NodeProto> layers, NodeSelectionOptions options)
    {
        _graph = graph;
        _excludedNodes = new HashSet<string>(options.ExcludeNodes, StringComparer.Ordinal);
        _excludedTypes = new HashSet<string>(options.ExcludeOpTypes, StringComparer.Ordinal);
        _firstLayer = options.KeepFirstLayerFloat && layers.Count > 0 ? layers[0].Name : null;
        _lastLayer = options.KeepLastLayerFloat && layers.Count > 0 ? layers[^1].Name : null;
        _smallFirstConv = options.AutoFloatSmallFirstConv && layers.Count > 0 && IsSmallConvOnInput(graph, layers[0]) ? layers[0].Name : null;
    }

    /// <summary>Returns why <paramref name="node"/> is excluded by name or operator type, or null.</summary>
    public string? Exclusion(NodeProto node) =>
        _excludedNodes.Contains(node.Name) ? "excluded by name"
        : _excludedTypes.Contains(node.OpType) ? $"operator type {node.OpType} excluded"
        : null;

    /// <summary>Returns why the selection keeps <paramref name="node"/> float (exclusions, first/last layer, small first Conv), or null when it may be quantized.</summary>
    public string? FloatReason(NodeProto node) =>
        Exclusion(node)
        ?? (node.Name == _firstLayer ? "first layer kept float"
        : node.Name == _lastLayer ? "last layer kept float"
        : node.Name == _smallFirstConv ? $"first Conv on the model input has only {MacsPerOutput(_graph, node)} multiply-adds per output; ONNX Runtime's float kernel is faster than QLinearConv there (keep_first_layer_float: auto)"
        : null);

    /// <summary>Returns whether the selection lets <paramref name="node"/> be quantized.</summary>
    public bool Selects(NodeProto node) => FloatReason(node) is null;

    private static long MacsPerOutput(ModelGraph graph, NodeProto conv) => graph.GetInitializer(conv.Input[1])!.Dims.Skip(1).Aggregate(1L, (a, b) => a * b);

    private static bool IsSmallConvOnInput(ModelGraph graph, NodeProto node) =>
        node.OpType == "Conv" && node.Input.Count >= 2 && graph.GetInitializer(node.Input[1]) is not null && graph.IsGraphInput(node.Input[0]) && MacsPerOutput(graph, node) <= SmallConvMacs;
}
