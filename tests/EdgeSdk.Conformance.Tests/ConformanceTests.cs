// The ONNX backend conformance gate: every libonnx-testdata case that ONNX Runtime can load and run must
// round-trip through ModelFile and reproduce its reference outputs through the binding.
using Xunit.Abstractions;

namespace EdgeSdk.Conformance.Tests;

public sealed class ConformanceTests(ConformanceRun run, ITestOutputHelper output) : IClassFixture<ConformanceRun>
{
    [Fact]
    public void Every_case_ort_can_run_passes_and_the_expected_failures_list_is_exact()
    {
        output.WriteLine(run.SummaryJson);

        run.Results.Should().HaveCountGreaterThan(1000, "libonnx-testdata 1.12 ships about 1060 cases with models");
        run.Regressions.Should().BeEmpty("every case ORT can load and run must pass:\n" + string.Join("\n", run.Regressions));
    }

    [Fact]
    public void Every_case_round_trips_through_ModelFile()
    {
        run.Results.Where(r => r.Status == CaseStatus.RoundTripMismatch).Should().BeEmpty();
    }

    [Fact]
    public void Expected_failures_have_reasons_and_are_only_ort_refusals()
    {
        run.Expected.Failures.Should().OnlyContain(e => e.Value.Length > 20);
        run.Expected.OrtRefuses.Values.Should().OnlyContain(r => r.OrtMessage.Length > 10);
        run.Expected.ToleranceOverrides.Values.Should().OnlyContain(o => o.Reason.Length > 20 && o.Atol <= 1e-3);
        var byId = run.Results.ToDictionary(r => r.Id);
        run.Expected.OrtRefuses.Keys.Should().OnlyContain(id => byId.ContainsKey(id) && byId[id].IsOrtRefusal);
        run.Expected.OrtDeviates.Keys.Should().OnlyContain(id => byId.ContainsKey(id) && byId[id].Status == CaseStatus.Mismatch);
        run.Expected.OrtRefuses.Keys.Intersect(run.Expected.OrtDeviates.Keys).Should().BeEmpty();
    }

    [Fact]
    public void At_least_as_many_cases_pass_as_with_ORT_1_30()
    {
        // ORT 1.30 through the hand-written binding passed 997 of the 1,072 cases; 1.31.1 through the managed package must not pass fewer.
        run.Results.Should().HaveCount(1072, "libonnx-testdata 1.12 has 1,072 cases with a model");
        run.Results.Count(r => r.Status == CaseStatus.Passed).Should().BeGreaterThanOrEqualTo(997);
    }

    [Fact]
    public void Every_tolerance_override_is_still_needed()
    {
        // A looser tolerance that the current ORT no longer needs hides future drift: each listed case must fail at the default
        // tolerance (and pass at its own, which the full run checks).
        var cases = ConformanceCatalog.All().ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var (id, tolerance) in run.Expected.ToleranceOverrides)
        {
            var strict = ConformanceCaseRunner.Run(cases[id]);
            strict.Status.Should().Be(CaseStatus.Mismatch, $"{id} passes at the default atol {ValueComparer.AbsoluteTolerance}, so its override (atol {tolerance.Atol}) is stale: remove it from {ExpectedFailures.FileName}");
            output.WriteLine($"{id}: at the default tolerance {strict.Reason}");
        }
    }

    [Fact]
    public void Summary_is_written_with_consistent_counts()
    {
        File.ReadAllText(run.SummaryPath).Should().Be(run.SummaryJson);
        using var json = System.Text.Json.JsonDocument.Parse(run.SummaryJson);
        var counts = json.RootElement.GetProperty("counts").EnumerateObject().Sum(p => p.Value.GetInt32());
        counts.Should().Be(run.Results.Count).And.Be(json.RootElement.GetProperty("total").GetInt32());
    }
}
