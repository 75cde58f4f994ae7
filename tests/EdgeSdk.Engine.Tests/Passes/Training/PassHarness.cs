// Runs a training pass the way the pipeline does: a PassContext over the digits fixtures with a fresh
// work directory, parameters given as recipe values.
using EdgeSdk.Targets;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Engine.Tests.Training;

internal static class PassHarness
{
    public static InMemoryDataSet Set(string data, string split) => new(
        split,
        new Dictionary<string, EdgeSdk.Tensors.Tensor> { ["input"] = NpyFile.Read(TestPaths.Data(data, split + "_x.npy")) },
        NpyFile.Read(TestPaths.Data(data, split + "_y.npy")));

    public static PassResult Run(IPass pass, ModelGraph model, ModelGraph baseline, Dictionary<string, object?> parameters, string data = "digits", string? workDirectory = null, CancellationToken cancellation = default)
    {
        var train = Set(data, "train");
        var test = Set(data, "test");
        return pass.Run(new PassContext
        {
            Model = model,
            BaselineModel = baseline,
            Options = PassOptions.BindOrThrow(pass, parameters, Path.Combine(TestPaths.Fixtures, "models")),
            Data = new DataSets(train, train, test),
            Target = TargetProfile.Host,
            WorkDirectory = workDirectory ?? TestPaths.NewTempDir("edgesdk-train"),
            RecipeDirectory = Path.Combine(TestPaths.Fixtures, "models"),
            Cancellation = cancellation,
        });
    }
}
