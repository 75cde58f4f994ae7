// The prune pass's parameters, read once from PassParameters and checked, with errors located at the
// recipe line that set the offending value.
using System.Globalization;
using EdgeSdk.Diagnostics;

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

/// <summary>Validated prune parameters.</summary>
internal sealed record PruneSettings(
    PruneKind Kind,
    NmPattern? Pattern,
    double Sparsity,
    bool Global,
    ImportanceMethod Importance,
    IReadOnlySet<string> SkipLayers,
    IReadOnlySet<string> SkipOpTypes,
    bool SparseStorage,
    int RoundTo,
    double MaxLayerSparsity,
    int CalibrationSamples)
{
    /// <summary>Reads and validates the parameters.</summary>
    public static PruneSettings From(PassParameters p)
    {
        var patternText = p.GetString("pattern").Trim().ToLowerInvariant();
        var (kind, pattern) = patternText switch
        {
            "channel" or "structured" => (PruneKind.Channel, (NmPattern?)null),
            "unstructured" => (PruneKind.Unstructured, null),
            _ => (PruneKind.NOfM, ParsePattern(patternText, p)),
        };
        var importance = p.GetString("importance") switch
        {
            "l2" => ImportanceMethod.L2,
            "bn_scale" => ImportanceMethod.BatchNormScale,
            "activation" => ImportanceMethod.Activation,
            _ => ImportanceMethod.L1,
        };
        if (kind != PruneKind.Channel && p.IsSet("importance") && importance != ImportanceMethod.L1)
        {
            throw new EdgeException(DiagnosticCatalog.Pruning.InvalidParameterCombination, $"prune: importance '{p.GetString("importance")}' applies to pattern 'channel' only; pattern '{patternText}' ranks single weights by magnitude. Remove 'importance' or use pattern: channel.", p.LocationOf("importance"));
        }

        return new PruneSettings(
            kind,
            pattern,
            p.GetNumber("sparsity"),
            p.GetString("scope") == "global",
            importance,
            p.GetStringList("skip_layers").ToHashSet(StringComparer.Ordinal),
            p.GetStringList("skip_op_types").ToHashSet(StringComparer.Ordinal),
            p.GetString("storage") == "sparse",
            (int)p.GetInteger("round_to"),
            p.GetNumber("max_layer_sparsity"),
            (int)p.GetInteger("calibration_samples"));
    }

    /// <summary>Returns whether a layer is excluded by skip_layers or skip_op_types.</summary>
    public bool Skips(Onnx.Proto.NodeProto node) => SkipLayers.Contains(node.Name) || SkipOpTypes.Contains(node.OpType);

    private static NmPattern ParsePattern(string text, PassParameters p)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && n >= 1 && m >= 2 && n < m && m <= 64)
        {
            return new NmPattern(n, m);
        }

        throw new EdgeException(DiagnosticCatalog.Pruning.InvalidPattern, $"prune: pattern '{text}' is not valid. Use 'channel' (remove whole channels), 'unstructured', or an N:M pattern such as '2:4' (keep N of every M weights, 1 <= N < M <= 64).", p.LocationOf("pattern"));
    }
}
