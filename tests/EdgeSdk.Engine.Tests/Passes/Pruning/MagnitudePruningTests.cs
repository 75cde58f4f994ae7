// Unstructured and N:M pruning: the requested share of weights is zero, each N:M block keeps exactly N,
// the sparse-stored file is smaller, ONNX Runtime loads it and computes exactly what the dense model with
// zeros computes, and the report says plainly that ORT's CPU kernels gain no speed.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pruning;

public class MagnitudePruningTests
{
    private static readonly PrunePass Pass = new();

    [Fact]
    public void UnstructuredSparseStorageShrinksTheFileAndOrtComputesTheSameAsDenseZeros()
    {
        var dense = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        PassHarness.RunCollecting(Pass, dense, new() { ["pattern"] = "unstructured", ["sparsity"] = 0.8, ["storage"] = "dense" });
        var sparse = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        var (result, diagnostics) = PassHarness.RunCollecting(Pass, sparse, new() { ["pattern"] = "unstructured", ["sparsity"] = 0.8 });

        TensorProtoConverter.ToFloatArray(dense.GetInitializer("layers.0.weight")!).Count(v => v == 0).Should().Be((int)Math.Floor(0.8 * 256 * 64));
        sparse.Graph.SparseInitializer.Should().HaveCount(3);
        var denseBytes = ModelFile.ToBytes(dense.Model);
        var sparseBytes = ModelFile.ToBytes(sparse.Model);
        sparseBytes.Length.Should().BeLessThan((int)(denseBytes.Length * 0.45));

        var input = OrtComparison.RandomInput([4, 1, 8, 8]);
        OrtComparison.MaxAbsDifference(OrtComparison.RunBytes(denseBytes, input), OrtComparison.RunBytes(sparseBytes, input)).Should().Be(0);
        result.Warnings.Should().Contain(w => w.Contains("no speed", StringComparison.Ordinal));
        diagnostics.Should().Contain(d => d.Code == "EDGE2206");
    }

    [Fact]
    public void TwoOfFourKeepsExactlyTwoInEveryBlockAlongTheReductionAxis()
    {
        var graph = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        PassHarness.RunCollecting(Pass, graph, new() { ["pattern"] = "2:4", ["storage"] = "dense" });

        var w = TensorProtoConverter.ToFloatArray(graph.GetInitializer("layers.1.weight")!);
        w.Chunk(4).Should().OnlyContain(block => block.Count(v => v != 0) == 2, "layers.1 is [128,256] with transB=1, so blocks run along each row");
    }

    [Fact]
    public void TwoOfFourKeepsTheTwoLargestMagnitudes()
    {
        var b = new OnnxModelBuilder().Input("x", 1, 4).Output("y", 1, 2);
        b.Floats("w", [4, 2], [0.1f, -5f, 0.2f, -0.3f, 1f, 2f, -3f, 4f]);
        b.Node("MatMul", ["x", "w"], "y", "mm");
        var graph = b.ToGraph();
        PassHarness.RunCollecting(Pass, graph, new() { ["pattern"] = "2:4", ["storage"] = "dense" });

        // MatMul weight [K=4, N=2]: blocks run down each column.
        TensorProtoConverter.ToFloatArray(graph.GetInitializer("w")!).Should().Equal(0f, -5f, 0f, 0f, 1f, 0f, -3f, 4f);
    }

    [Fact]
    public void SparseInitializersDensifyBackToTheSameWeights()
    {
        var dense = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        PassHarness.RunCollecting(Pass, dense, new() { ["pattern"] = "2:4", ["storage"] = "dense" });
        var sparse = ModelGraph.Load(TestPaths.Model("digits_mlp"));
        PassHarness.RunCollecting(Pass, sparse, new() { ["pattern"] = "unstructured", ["sparsity"] = 0.5, ["storage"] = "dense" });
        var stored = sparse.Clone();
        SparseInitializerStorage.Sparsify(stored, ["layers.0.weight", "layers.1.weight"]).Should().HaveCount(2, "int16 indices make 50% sparsity smaller than dense for these sizes");
        SparseInitializerStorage.Densify(stored).Should().Be(2);
        TensorProtoConverter.ToFloatArray(stored.GetInitializer("layers.1.weight")!).Should().Equal(TensorProtoConverter.ToFloatArray(sparse.GetInitializer("layers.1.weight")!));
    }

    [Fact]
    public void Int32IndexedSparseWeightsOfAConvNetLoadInOrtWithUnchangedOutputs()
    {
        var dense = ModelGraph.Load(TestPaths.Model("digits32_mobilenet"));
        PassHarness.RunCollecting(Pass, dense, new() { ["pattern"] = "unstructured", ["sparsity"] = 0.9, ["scope"] = "global", ["storage"] = "dense" });
        var sparse = dense.Clone();
        var converted = SparseInitializerStorage.Sparsify(sparse, MagnitudeSparsifier.Targets(dense, _ => false).Select(t => t.Weight.Name).ToList());

        converted.Should().Contain(c => c.DenseBytes > 4 * 32768, "weights beyond 32768 elements use int32 indices");
        var input = OrtComparison.RandomInput([2, 1, 32, 32]);
        OrtComparison.MaxAbsDifference(OrtComparison.RunBytes(ModelFile.ToBytes(dense.Model), input), OrtComparison.RunBytes(ModelFile.ToBytes(sparse.Model), input)).Should().Be(0);
    }
}
