// The conformance machinery itself must be able to fail: a tampered reference output is a Mismatch, the
// comparer honours its tolerances and NaN, and a clean case passes.
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Conformance.Tests;

public sealed class ConformanceRunnerTests
{
    [Fact]
    public void A_clean_case_passes()
    {
        var abs = ConformanceCatalog.All().Single(c => c.Id == "node/test_abs");

        ConformanceCaseRunner.Run(abs).Should().Be(new CaseResult("node/test_abs", CaseStatus.Passed, null));
    }

    [Fact]
    public void A_tampered_reference_output_is_a_mismatch()
    {
        var source = ConformanceCatalog.All().Single(c => c.Id == "node/test_abs").Folder;
        var dir = TestPaths.NewTempDir("conformance-tampered");
        try
        {
            File.Copy(Path.Combine(source, "model.onnx"), Path.Combine(dir, "model.onnx"));
            var data = Directory.CreateDirectory(Path.Combine(dir, "test_data_set_0")).FullName;
            File.Copy(Path.Combine(source, "test_data_set_0", "input_0.pb"), Path.Combine(data, "input_0.pb"));
            File.Copy(Path.Combine(source, "test_data_set_0", "input_0.pb"), Path.Combine(data, "output_0.pb"));

            var result = ConformanceCaseRunner.Run(new ConformanceCase("tmp/test_abs", dir));

            result.Status.Should().Be(CaseStatus.Mismatch);
            result.Reason.Should().Contain("expected").And.Contain("got");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(1.0f, 1.0009f, true)]
    [InlineData(1.0f, 1.0011f, false)]
    [InlineData(0f, 9e-8f, true)]
    [InlineData(0f, 1e-6f, false)]
    [InlineData(float.NaN, float.NaN, true)]
    [InlineData(float.PositiveInfinity, float.PositiveInfinity, true)]
    [InlineData(float.PositiveInfinity, float.NegativeInfinity, false)]
    [InlineData(float.PositiveInfinity, 1e30f, false)]
    public void Comparer_uses_allclose_semantics(float expected, float actual, bool equal)
    {
        var e = RuntimeValue.FromTensor(Tensor.FromFloat([expected], 1));
        var a = RuntimeValue.FromTensor(Tensor.FromFloat([actual], 1));

        (ValueComparer.Difference(e, a, "y") is null).Should().Be(equal);
    }

    [Fact]
    public void Comparer_reports_shape_and_exact_value_differences()
    {
        var ints = RuntimeValue.FromTensor(Tensor.FromInt64([1, 2], 2));

        ValueComparer.Difference(ints, RuntimeValue.FromTensor(Tensor.FromInt64([1, 3], 2)), "y").Should().Contain("element 1");
        ValueComparer.Difference(ints, RuntimeValue.FromTensor(Tensor.FromInt64([1, 2], 1, 2)), "y").Should().Contain("shape");
        ValueComparer.Difference(RuntimeValue.Sequence([ints]), RuntimeValue.Sequence([]), "s").Should().Contain("1 items");
    }

    [Fact]
    public void Expected_failures_flag_every_kind_of_drift()
    {
        var list = new ExpectedFailures
        {
            OrtRefuses = new() { ["n/refused"] = new OrtRefusal("no kernel", "Could not find an implementation for Max(13)") },
            OrtDeviates = new() { ["n/deviates"] = "random numbers" },
        };

        list.Problem(new("n/refused", CaseStatus.OrtRefusedLoad, "EDGE3003: Could not find an implementation for Max(13) node")).Should().BeNull();
        list.Problem(new("n/refused", CaseStatus.OrtRefusedRun, "EDGE3003: Invalid rank for input")).Should().Contain("another reason");
        list.Problem(new("n/refused", CaseStatus.Passed, null)).Should().Contain("passes now");
        list.Problem(new("n/refused", CaseStatus.NotMarshalled, "EDGE3004")).Should().Contain("listed as ortRefuses");
        list.Problem(new("n/deviates", CaseStatus.Mismatch, "element 1")).Should().BeNull();
        list.Problem(new("n/deviates", CaseStatus.OrtRefusedLoad, "EDGE3003")).Should().Contain("listed as ortDeviates");
        list.Problem(new("n/other", CaseStatus.Mismatch, "element 2")).Should().Be("n/other: Mismatch: element 2");
        list.Problem(new("n/other", CaseStatus.Passed, null)).Should().BeNull();
    }
}
