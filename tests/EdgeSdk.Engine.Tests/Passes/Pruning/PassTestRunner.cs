// Runs a pass on a graph with parameters given as a dictionary, the way the pipeline would, and collects
// the diagnostics it reports.
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Engine.Tests.Pruning;

internal static class PassTestRunner
{
    public static (PassResult Result, List<EdgeDiagnostic> Diagnostics) Run(IPass pass, ModelGraph graph, Dictionary<string, object?> parameters, DataSets? data = null)
    {
        var diagnostics = new List<EdgeDiagnostic>();
        var context = new PassContext
        {
            Model = graph,
            BaselineModel = graph.Clone(),
            Options = PassOptions.BindOrThrow(pass, parameters, Path.GetTempPath()),
            Data = data ?? DataSets.None,
            Target = new TargetProfile { Name = "test" },
            WorkDirectory = Path.GetTempPath(),
            RecipeDirectory = Path.GetTempPath(),
            Report = diagnostics.Add,
        };
        return (pass.Run(context), diagnostics);
    }
}
