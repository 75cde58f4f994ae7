// Runs a pass by recipe name on a copy of a model, the way the pipeline would. A pass that is not in the
// catalog yet (another area's work) yields null so the benchmark can report it as missing.
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;

namespace EdgeSdk.Bench.Pruning;

/// <summary>Runs catalog passes for the pruning benchmark.</summary>
internal static class PassStageRunner
{
    /// <summary>Runs pass <paramref name="name"/> with the given parameters (those the pass does not declare are dropped); null when the pass is not registered.</summary>
    public static PassResult? Run(string name, ModelGraph input, ModelGraph baseline, Dictionary<string, object?> parameters, DataSets data)
    {
        if (PassCatalog.Find(name) is not { } pass)
        {
            return null;
        }

        var declared = pass.Options.Options.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var work = Path.Combine(Path.GetTempPath(), "edgesdk-bench-pruning", name);
        Directory.CreateDirectory(work);
        var context = new PassContext
        {
            Model = input.Clone(),
            BaselineModel = baseline,
            Options = EdgeSdk.Passes.Options.PassOptions.BindOrThrow(pass, parameters.Where(p => declared.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value)),
            Data = data,
            Target = new TargetProfile { Name = "host" },
            WorkDirectory = work,
            RecipeDirectory = work,
            Threads = 1,
        };
        return pass.Run(context);
    }
}
