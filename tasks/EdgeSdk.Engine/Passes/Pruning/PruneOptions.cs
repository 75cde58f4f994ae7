// The prune pass's options, bound from the recipe when it loads: the pattern is parsed and the
// pattern/importance combination checked then, with errors located at the recipe line that set the
// offending value, so `edgesdk validate` reports them.
using System.Globalization;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Pruning;

/// <summary>What kind of sparsity the pass creates.</summary>
internal enum PruneKind
{
    /// <summary>Remove whole channels (the graph gets smaller).</summary>
    Channel,
    /// <summary>Zero individual weights by magnitude.</summary>
    Unstructured,
    /// <summary>Keep N of every M weights.</summary>
    NOfM,
}

/// <summary>Options of the <c>prune</c> pass.</summary>
internal sealed record PruneOptions
{
    private static readonly (string, ImportanceMethod)[] ImportanceNames = [("l1", ImportanceMethod.L1), ("l2", ImportanceMethod.L2), ("bn_scale", ImportanceMethod.BatchNormScale), ("activation", ImportanceMethod.Activation)];

    /// <summary>Gets the declarations (the one place the pass's recipe parameters are defined).</summary>
    public static PassOptionSet<PruneOptions> Declarations { get; } = new(
        "prune",
        new PruneOptions(),
        [
            OptionFactory<PruneOptions>.Text("pattern", "channel (remove whole channels; the model gets faster), unstructured, or an N:M pattern such as 2:4 (keep N of every M weights).", "channel", (o, v) => o with { PatternText = (v ?? "channel").Trim().ToLowerInvariant() }, o => o.PatternText),
            OptionFactory<PruneOptions>.Number("sparsity", "Fraction of channels (channel) or weights (unstructured) to remove.", 0.5, 0.0, 0.99, (o, v) => o with { Sparsity = v }, o => o.Sparsity),
            OptionFactory<PruneOptions>.Enum("scope", "per_layer removes the same fraction from every layer; global ranks all layers together.", false, [("per_layer", false), ("global", true)], (o, v) => o with { Global = v }, o => o.Global),
            OptionFactory<PruneOptions>.Enum("importance", "How channels are ranked: l1 or l2 norm of weights, bn_scale (|gamma| of BatchNormalization), or activation (mean |activation| on calibration data).", ImportanceMethod.L1, ImportanceNames, (o, v) => o with { Importance = v }, o => o.Importance),
            OptionFactory<PruneOptions>.List("skip_layers", "Node names whose output channels (channel) or weights (unstructured, N:M) are left alone.", [], (o, v) => o with { SkipLayers = v.ToHashSet(StringComparer.Ordinal) }, o => o.SkipLayers.Order(StringComparer.Ordinal).ToList()),
            OptionFactory<PruneOptions>.List("skip_op_types", "Operator types (Conv, Gemm, MatMul) left alone.", [], (o, v) => o with { SkipOpTypes = v.ToHashSet(StringComparer.Ordinal) }, o => o.SkipOpTypes.Order(StringComparer.Ordinal).ToList()),
            OptionFactory<PruneOptions>.Enum("storage", "unstructured/N:M only: sparse stores zero-heavy weights as ONNX sparse_initializer (smaller file; put this prune last, since later passes edit dense initializers); dense keeps zeros in place.", true, [("sparse", true), ("dense", false)], (o, v) => o with { SparseStorage = v }, o => o.SparseStorage),
            OptionFactory<PruneOptions>.Integer("round_to", "channel only: round each group's kept channels up to a multiple of this (8 suits SIMD kernels).", 1, 1, 256, (o, v) => o with { RoundTo = (int)v }, o => o.RoundTo),
            OptionFactory<PruneOptions>.Number("max_layer_sparsity", "channel, global scope: largest fraction removed from any one channel group.", 0.9, 0.0, 0.99, (o, v) => o with { MaxLayerSparsity = v }, o => o.MaxLayerSparsity),
            OptionFactory<PruneOptions>.Integer("calibration_samples", "importance: activation only: calibration samples to run.", 128, 1, 100000, (o, v) => o with { CalibrationSamples = (int)v }, o => o.CalibrationSamples),
        ],
        Check);

    /// <summary>Gets the pattern as written (lower case): <c>channel</c>, <c>structured</c>, <c>unstructured</c> or <c>N:M</c>.</summary>
    public string PatternText { get; init; } = "channel";

    /// <summary>Gets the kind of sparsity (from the pattern).</summary>
    public PruneKind Kind { get; init; } = PruneKind.Channel;

    /// <summary>Gets the N:M pattern when <see cref="Kind"/> is <see cref="PruneKind.NOfM"/>.</summary>
    public NmPattern? Pattern { get; init; }

    /// <summary>Gets the fraction of channels or weights to remove.</summary>
    public double Sparsity { get; init; } = 0.5;

    /// <summary>Gets whether layers are ranked together (global scope).</summary>
    public bool Global { get; init; }

    /// <summary>Gets how channels are ranked.</summary>
    public ImportanceMethod Importance { get; init; } = ImportanceMethod.L1;

    /// <summary>Gets node names left alone.</summary>
    public IReadOnlySet<string> SkipLayers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets operator types left alone.</summary>
    public IReadOnlySet<string> SkipOpTypes { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets whether zero-heavy weights are stored as sparse initializers.</summary>
    public bool SparseStorage { get; init; } = true;

    /// <summary>Gets the multiple kept channels are rounded up to.</summary>
    public int RoundTo { get; init; } = 1;

    /// <summary>Gets the largest fraction removed from one channel group (global scope).</summary>
    public double MaxLayerSparsity { get; init; } = 0.9;

    /// <summary>Gets the calibration samples run for activation importance.</summary>
    public int CalibrationSamples { get; init; } = 128;

    /// <summary>Returns whether a layer is excluded by skip_layers or skip_op_types.</summary>
    public bool Skips(Onnx.Proto.NodeProto node) => SkipLayers.Contains(node.Name) || SkipOpTypes.Contains(node.OpType);

    private static PruneOptions Check(PruneOptions o, OptionCheckContext context)
    {
        var (kind, pattern) = o.PatternText switch
        {
            "channel" or "structured" => (PruneKind.Channel, (NmPattern?)null),
            "unstructured" => (PruneKind.Unstructured, null),
            _ => (PruneKind.NOfM, ParsePattern(o.PatternText)),
        };
        if (kind == PruneKind.NOfM && pattern is null)
        {
            context.Error(DiagnosticCatalog.Pruning.InvalidPattern, $"pattern '{o.PatternText}' is not valid. Use 'channel' (remove whole channels), 'unstructured', or an N:M pattern such as '2:4' (keep N of every M weights, 1 <= N < M <= 64).", "pattern");
            return o;
        }

        if (kind != PruneKind.Channel && context.IsSet("importance") && o.Importance != ImportanceMethod.L1)
        {
            var name = ImportanceNames.First(n => n.Item2 == o.Importance).Item1;
            context.Error(DiagnosticCatalog.Pruning.InvalidParameterCombination, $"importance '{name}' applies to pattern 'channel' only; pattern '{o.PatternText}' ranks single weights by magnitude. Remove 'importance' or use pattern: channel.", "importance");
        }

        return o with { Kind = kind, Pattern = pattern };
    }

    private static NmPattern? ParsePattern(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && n >= 1 && m >= 2 && n < m && m <= 64
            ? new NmPattern(n, m)
            : null;
    }
}
