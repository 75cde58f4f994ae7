// Version checks: ir_version present and not newer than ONNX Runtime supports, an ai.onnx opset imported
// once with a positive version, every node's domain imported, and no operator used before the opset that
// introduced it.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Checks IR version, opset imports and the opsets nodes bind to.</summary>
internal static class OpsetCheck
{
    /// <summary>The newest IR version ONNX Runtime 1.30 loads.</summary>
    public const long MaxRuntimeIrVersion = 13;

    /// <summary>The newest ai.onnx opset ONNX Runtime 1.30 officially supports.</summary>
    public const long MaxRuntimeOpset = 26;

    /// <summary>Checks the model-level versions; returns the imported opsets by normalized domain.</summary>
    public static Dictionary<string, long> CheckModel(ModelProto model, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        if (model.IrVersion <= 0)
        {
            sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MissingIrVersion, "The model has no ir_version (it is required). Re-export the model or set ir_version (for example 8 for opset 17, 10 for opset 21).", location));
        }
        else if (model.IrVersion > MaxRuntimeIrVersion)
        {
            sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.VersionTooNew, $"The model's ir_version {model.IrVersion} is newer than ONNX Runtime 1.30 loads (at most {MaxRuntimeIrVersion}); ONNX Runtime refuses it. Export with an older IR version.", location));
        }

        var opsets = Imports(model.OpsetImport, "the model", sink, location);
        if (opsets.Count == 0 && (model.IrVersion >= 3 || model.IrVersion <= 0))
        {
            // A model may import only other domains (ONNX's training tests do); nodes of an unimported domain are reported per node.
            sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MissingOpset, "The model imports no opset (opset_import is empty). Add one, for example domain \"\" (ai.onnx) version 17.", location));
        }
        else if (opsets.TryGetValue(string.Empty, out var onnxOpset) && onnxOpset > MaxRuntimeOpset)
        {
            sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.VersionTooNew, $"The model imports ai.onnx opset {onnxOpset}; ONNX Runtime 1.30 loads up to opset {MaxRuntimeOpset} and refuses it. Export with opset {MaxRuntimeOpset} or lower.", location));
        }

        return opsets;
    }

    /// <summary>Reads opset imports (normalizing "ai.onnx" to ""), reporting duplicates and non-positive versions.</summary>
    public static Dictionary<string, long> Imports(IEnumerable<OperatorSetIdProto> imports, string owner, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var import in imports)
        {
            var domain = Normalize(import.Domain);
            var shown = domain.Length == 0 ? "ai.onnx" : domain;
            if (import.Version <= 0)
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MissingOpset, $"{Capitalize(owner)} imports domain '{shown}' with version {import.Version}. Opset versions start at 1.", location));
            }

            if (!result.TryAdd(domain, import.Version))
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MissingOpset, $"{Capitalize(owner)} imports domain '{shown}' more than once. Keep a single opset_import entry per domain.", location));
            }
        }

        return result;
    }

    /// <summary>Checks every node of <paramref name="scope"/> (and nested graphs) against <paramref name="opsets"/>.</summary>
    public static void CheckNodes(GraphScope scope, IReadOnlyDictionary<string, long> opsets, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        for (var i = 0; i < scope.Nodes.Count; i++)
        {
            var node = scope.Nodes[i];
            var domain = Normalize(node.Domain);
            var who = CheckedNode.Describe(node, i, scope.Label);
            if (!opsets.TryGetValue(domain, out var version))
            {
                if (domain.Length > 0 || opsets.Count > 0)
                {
                    sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.DomainNotImported, $"{Capitalize(who)} uses domain '{(domain.Length == 0 ? "ai.onnx" : domain)}', which the model does not import. Add an opset_import entry for that domain.", location));
                }
            }
            else if (domain.Length == 0 && node.OpType.Length > 0 && !OperatorIntroductions.IsKnown(node.OpType))
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.UnknownOperator, $"{Capitalize(who)} uses '{node.OpType}', which is not an ai.onnx operator; ONNX Runtime cannot load the model.{EdgeSdk.Diagnostics.DidYouMean.Hint(node.OpType, OperatorIntroductions.All)} Fix the op_type, or put a custom operator in its own domain and register its library.", location));
            }
            else if (domain.Length == 0 && OperatorIntroductions.Since(node.OpType) is { } since && since > version)
            {
                sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.OperatorNewerThanOpset, $"{Capitalize(who)} uses {node.OpType}, which was introduced in ai.onnx opset {since}, but the model imports opset {version}. Raise the opset import to at least {since} or replace the operator.", location));
            }

            foreach (var attr in node.Attribute)
            {
                foreach (var g in attr.G is null ? attr.Graphs : attr.Graphs.Prepend(attr.G))
                {
                    CheckNodes(GraphScope.Of(g, $"graph '{g.Name}' (attribute '{attr.Name}' of {who})", new HashSet<string>()), opsets, sink, location);
                }
            }
        }
    }

    /// <summary>Maps "ai.onnx" to "" (both name the default domain).</summary>
    public static string Normalize(string domain) => domain == "ai.onnx" ? string.Empty : domain;

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
