using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Checking;
using EdgeSdk.Onnx.Shapes;

namespace EdgeSdk.Engine.Tests.Onnx.Conformance;

// ONNX's own backend test models (over 1,000, written by nobody here) through EdgeSdk's model I/O,
// checker and shape inference. Shared across the three tests: the models are loaded once.
public sealed class BackendTestDataOnnxTests : IClassFixture<BackendTestDataOnnxTests.Suite>
{
    private readonly Suite _suite;

    public BackendTestDataOnnxTests(Suite suite) => _suite = suite;

    [BackendTestDataFact]
    public void EveryModelRoundTripsToAnEqualMessageAndStableBytes()
    {
        _suite.Cases.Count.Should().BeGreaterThan(1000);
        foreach (var (c, model) in _suite.Cases)
        {
            var bytes = ModelFile.ToBytes(model);
            var again = ModelFile.Parse(bytes, c.Name);
            again.Equals(model).Should().BeTrue(c.Name);
            ModelFile.ToBytes(again).Should().Equal(bytes, c.Name);
        }
    }

    [BackendTestDataFact]
    public void TheCheckerFindsNoErrorInAnyValidModel()
    {
        var errors = _suite.Cases
            .SelectMany(x => ModelChecker.Check(x.Model, x.Case.Name).Where(d => d.Severity == DiagnosticSeverity.Error))
            .Select(d => d.ToString())
            .ToList();
        errors.Should().BeEmpty();
    }

    [BackendTestDataFact]
    public void InferredOutputShapesEqualTheExpectedOutputs()
    {
        var compared = 0;
        var mismatches = new List<string>();
        foreach (var (c, model) in _suite.Cases)
        {
            var graph = new ModelGraph(model);
            var inputs = graph.RealInputs.ToList();
            var overrides = new Dictionary<string, long[]>();
            for (var i = 0; i < inputs.Count && i < c.InputShapes.Count; i++)
            {
                if (inputs[i].Type?.TensorType is not null && c.InputShapes[i] is { } shape)
                {
                    overrides[inputs[i].Name] = shape;
                }
            }

            var inferred = ShapeInference.Infer(graph, overrides);
            for (var i = 0; i < graph.Graph.Output.Count && i < c.OutputShapes.Count; i++)
            {
                var output = graph.Graph.Output[i];
                var type = inferred.TypeOf(output.Name);
                if (output.Type?.TensorType is null || c.OutputShapes[i] is not { } expected || type.KnownDims() is not { } actual)
                {
                    continue;
                }

                compared++;
                if (!actual.SequenceEqual(expected))
                {
                    mismatches.Add($"{c.Name} output {i}: inferred {type}, expected [{string.Join(",", expected)}]");
                }
            }
        }

        mismatches.Should().BeEmpty();
        compared.Should().BeGreaterThan(1000);
    }

    /// <summary>Loads every backend test model once.</summary>
    public sealed class Suite
    {
        public Suite() => Cases = BackendTestData.ModelPaths()
            .Select(p => (BackendTestData.Read(p), ModelFile.Load(p, ModelLoadOptions.Lenient)))
            .ToList();

        internal IReadOnlyList<(BackendCase Case, EdgeSdk.Onnx.Proto.ModelProto Model)> Cases { get; }
    }
}
