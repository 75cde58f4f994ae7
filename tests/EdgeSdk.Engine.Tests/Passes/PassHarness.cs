// The one pass harness of the engine tests: builds a PassContext the way the pipeline does (bound options,
// data sets, target, work and recipe folders, goals, diagnostics) and runs a pass on it; fixture data sets
// are read once per test run.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Recipes;
using EdgeSdk.Targets;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests;

internal static class PassHarness
{
    private static readonly Dictionary<string, InMemoryDataSet> Sets = [];

    /// <summary>The folder recipes of pass tests resolve relative files against (the fixture models).</summary>
    public static string FixtureModels => Path.Combine(TestPaths.Fixtures, "models");

    /// <summary>A fixture split (<c>{split}_x.npy</c> as input "input", <c>{split}_y.npy</c> as labels), read once.</summary>
    public static InMemoryDataSet Set(string data, string split)
    {
        lock (Sets)
        {
            var key = data + "/" + split;
            if (!Sets.TryGetValue(key, out var set))
            {
                set = FixtureData.Split(data, split);
                Sets[key] = set;
            }

            return set;
        }
    }

    /// <summary>A fixture's training split as calibration and training data and its test split as validation.</summary>
    public static DataSets Fixture(string data)
    {
        var train = Set(data, "train");
        return new DataSets(train, train, Set(data, "test"));
    }

    /// <summary>Binds recipe-style parameters to a pass's options, resolving files against <paramref name="recipeDirectory"/>.</summary>
    public static BoundPassOptions Bind(IPass pass, Dictionary<string, object?>? parameters = null, string? recipeDirectory = null) =>
        PassOptions.BindOrThrow(pass, parameters, recipeDirectory ?? FixtureModels);

    /// <summary>A pass context as the pipeline builds it; what is not given gets the pipeline's defaults and a fresh work folder.</summary>
    public static PassContext Context(
        ModelGraph model,
        ModelGraph baseline,
        BoundPassOptions options,
        DataSets data,
        IReadOnlyList<AccuracyGoal>? goals = null,
        TargetProfile? target = null,
        List<EdgeDiagnostic>? diagnostics = null,
        string? workDirectory = null,
        string? recipeDirectory = null,
        CancellationToken cancellation = default,
        IProgress<ProgressUpdate>? progress = null,
        EvaluationSettings? metrics = null,
        TargetProfile? host = null) => new()
        {
            Model = model,
            BaselineModel = baseline,
            Options = options,
            Data = data,
            Target = target ?? TargetProfile.Host,
            Host = host ?? TargetProfile.Host,
            AccuracyGoals = goals ?? [],
            WorkDirectory = workDirectory ?? TestPaths.NewTempDir("edgesdk-pass"),
            RecipeDirectory = recipeDirectory ?? FixtureModels,
            Report = d => diagnostics?.Add(d),
            Cancellation = cancellation,
            Progress = progress ?? new Progress<ProgressUpdate>(),
            MetricSettings = metrics ?? new EvaluationSettings { MeasureLatency = false },
        };

    /// <summary>Runs a pass with recipe-style parameters over a fixture's splits.</summary>
    public static PassResult Run(IPass pass, ModelGraph model, ModelGraph baseline, Dictionary<string, object?> parameters, string data = "digits", string? workDirectory = null, CancellationToken cancellation = default) =>
        pass.Run(Context(model, baseline, Bind(pass, parameters), Fixture(data), workDirectory: workDirectory, cancellation: cancellation));

    /// <summary>Runs a pass on a graph (its own baseline; a bare target profile unless given) and returns what it reported with its result.</summary>
    public static (PassResult Result, List<EdgeDiagnostic> Diagnostics) RunCollecting(IPass pass, ModelGraph graph, Dictionary<string, object?> parameters, DataSets? data = null, TargetProfile? target = null)
    {
        var diagnostics = new List<EdgeDiagnostic>();
        var result = pass.Run(Context(graph, graph.Clone(), Bind(pass, parameters, Path.GetTempPath()), data ?? DataSets.None, target: target ?? new TargetProfile { Name = "test" }, diagnostics: diagnostics, recipeDirectory: Path.GetTempPath()));
        return (result, diagnostics);
    }
}
