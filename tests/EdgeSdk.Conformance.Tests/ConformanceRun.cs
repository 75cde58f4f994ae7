// Runs every backend case once per test session (a class fixture), in parallel on all cores with one ORT
// thread per session, and writes artifacts/conformance-summary.json.
using EdgeSdk.Tests;

namespace EdgeSdk.Conformance.Tests;

/// <summary>The results of one full conformance run.</summary>
public sealed class ConformanceRun
{
    public ConformanceRun()
    {
        var cases = ConformanceCatalog.All();
        var results = new CaseResult[cases.Count];
        Expected = ExpectedFailures.Load();
        Parallel.For(0, cases.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = ConformanceCaseRunner.Run(cases[i], Expected.AbsoluteTolerance(cases[i].Id)));
        Results = results;
        Regressions = FindRegressions(results, Expected);
        SummaryJson = ConformanceSummary.ToJson(ConformanceCatalog.Root, results, Expected, Regressions);
        SummaryPath = Path.Combine(TestPaths.RepoRoot, "artifacts", "conformance-summary.json");
        Directory.CreateDirectory(Path.GetDirectoryName(SummaryPath)!);
        File.WriteAllText(SummaryPath, SummaryJson);
    }

    /// <summary>Gets every case's result, sorted by id.</summary>
    public IReadOnlyList<CaseResult> Results { get; }

    /// <summary>Gets the committed expected failures.</summary>
    public ExpectedFailures Expected { get; }

    /// <summary>Gets every problem: unexpected failures, listed cases that pass or fail for a non-ORT reason, stale entries.</summary>
    public IReadOnlyList<string> Regressions { get; }

    /// <summary>Gets the summary JSON.</summary>
    public string SummaryJson { get; }

    /// <summary>Gets where the summary was written.</summary>
    public string SummaryPath { get; }

    private static List<string> FindRegressions(IReadOnlyList<CaseResult> results, ExpectedFailures expected)
    {
        var problems = results.Select(expected.Problem).OfType<string>().ToList();
        var ids = results.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var listed = expected.Failures.Select(p => p.Key).Concat(expected.ToleranceOverrides.Keys);
        problems.AddRange(listed.Where(id => !ids.Contains(id)).Select(id => $"{id}: listed in {ExpectedFailures.FileName} but no such case"));
        return problems;
    }
}
