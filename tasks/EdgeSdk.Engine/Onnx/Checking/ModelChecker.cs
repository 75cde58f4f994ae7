// The model checker: reports everything that makes a model invalid or unloadable before any pass or the
// runtime sees it: dangling inputs, cycles, duplicate names, opset gaps, missing versions, external data
// that escapes the model's folder. Findings name the node (name, op type, index); nothing is thrown.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Checks an ONNX model's structure and versions.</summary>
internal static class ModelChecker
{
    /// <summary>
    /// Returns every finding (errors and warnings) for <paramref name="model"/>; empty when the model is valid.
    /// <paramref name="sourceName"/>, when given, locates the diagnostics (the model's path).
    /// </summary>
    public static IReadOnlyList<EdgeDiagnostic> Check(ModelProto model, string? sourceName = null)
    {
        var sink = new List<EdgeDiagnostic>();
        var location = sourceName is null ? null : new SourceLocation(sourceName);
        var opsets = OpsetCheck.CheckModel(model, sink, location);
        if (model.Graph is null)
        {
            sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.MalformedModel, "The model has no graph. Re-export the model.", location));
            return sink;
        }

        var main = GraphScope.Of(model.Graph, string.Empty, new HashSet<string>(StringComparer.Ordinal));
        GraphStructureCheck.Check(main, sink, location);
        OpsetCheck.CheckNodes(main, opsets, sink, location);
        ExternalDataCheck.Check(model.Graph, sink, location);
        InitializerCheck.Check(model.Graph, sink, location);

        foreach (var function in model.Functions)
        {
            var scope = GraphScope.Of(function);
            GraphStructureCheck.Check(scope, sink, location);
            var functionOpsets = OpsetCheck.Imports(function.OpsetImport, scope.Label, sink, location);
            foreach (var (domain, version) in opsets)
            {
                functionOpsets.TryAdd(domain, version);
            }

            OpsetCheck.CheckNodes(scope, functionOpsets, sink, location);
        }

        for (var i = 0; i < model.TrainingInfo.Count; i++)
        {
            var info = model.TrainingInfo[i];
            var visible = main.VisibleNames();
            foreach (var (graph, role) in new[] { (info.Initialization, "initialization"), (info.Algorithm, "algorithm") })
            {
                if (graph is not null)
                {
                    var scope = GraphScope.Of(graph, $"training_info[{i}].{role}", visible);
                    GraphStructureCheck.Check(scope, sink, location);
                    OpsetCheck.CheckNodes(scope, opsets, sink, location);
                }
            }
        }

        return sink;
    }

    /// <summary>Returns whether any finding is an error.</summary>
    public static bool HasErrors(IEnumerable<EdgeDiagnostic> diagnostics) => diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}
