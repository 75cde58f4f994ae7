// Two builds of one project share its work folder (obj/…/edge/<model>/): each plans (fingerprint files, the repair of
// damaged step outputs, plan.json) and runs its steps, through the same public calls the MSBuild tasks make. Here two
// threads do that over and over with recipes whose step outputs differ, while a third only plans, as a third build
// would. A step output and its record were written one after the other with no lock, so a planner could see the new
// model beside the old record: it reported a false EDGE0034 "corrupted" and deleted the model the other build had just
// written, whose step then failed on a missing file; a record could also end up describing the other build's model.
// Now an output and its record are committed together under the work folder's lock, and only while the fingerprint
// file still holds the step's fingerprint (else the step fails with EDGE0035: another build re-planned it).
// evaluation.json is replaced by whichever build evaluated last; a build finishes only on measurements of its own
// stage models and evaluation settings (else EDGE0035: no budget is judged on the other build's figures).
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;
using EdgeSdk.Pipeline;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pipeline;

public sealed class ConcurrentBuildsOfOneWorkFolderTests
{
    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy, samples: 16}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 3, batch: 1, threads: 1}
        passes:
          - fuse: {fold_batch_norm: FOLD}
        """;

    [Fact]
    public async Task TwoBuildsPlanningAndRunningAtOnceNeverLeaveARecordThatDoesNotMatchItsModel()
    {
        var dir = NewProject("two-builds");
        PlanRequest Request(bool fold) => RequestIn(dir, $"recipe-{fold}.yaml".ToLowerInvariant(), Recipe.Replace("FOLD", fold ? "true" : "false", StringComparison.Ordinal));

        var requests = new[] { Request(true), Request(false) };
        var problems = new List<string>();
        void Problem(string text)
        {
            lock (problems)
            {
                problems.Add(text);
            }
        }

        var committed = new int[2];
        var replanned = 0;
        using var stop = new CancellationTokenSource();
        var builds = Enumerable.Range(0, 2).Select(b => Task.Run(() =>
        {
            // Each build plans and runs 150 times, and on (up to 400) until both have committed their step output 5 times.
            for (var i = 0; i < 150 || (i < 400 && (Volatile.Read(ref committed[0]) < 5 || Volatile.Read(ref committed[1]) < 5)); i++)
            {
                try
                {
                    var planned = EdgeEngine.Plan(requests[b]);
                    foreach (var d in planned.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
                    {
                        Problem($"build {b} planning: {d}");
                    }

                    EdgeEngine.RunStep(planned.Pipeline!.PlanFile, 1, new RunSettings { Threads = 1 });
                    Interlocked.Increment(ref committed[b]);
                }
                catch (EdgeException ex) when (ex.Diagnostics.All(d => d.Code == DiagnosticCatalog.Sdk.WorkFolderChanged.Code))
                {
                    // The other build re-planned the step while this one ran it: a clear error, nothing written. A
                    // moment's pause, as a rebuild would take, keeps the two loops from falling into a lockstep in
                    // which one of them always re-plans just before the other commits.
                    Interlocked.Increment(ref replanned);
                    Thread.Sleep(Random.Shared.Next(3));
                }
                catch (Exception ex)
                {
                    Problem($"build {b}: {ex.GetType().Name}: {ex.Message}");
                }
            }
        })).ToArray();

        // A third build that only plans, each recipe in turn: its repair must never find a damaged output (none was
        // damaged). In turn, and with a pause: planning only one recipe in a tight loop re-planned the other build's
        // step before nearly every commit, so that build committed once in 400 tries in 1 of 3 runs.
        var planner = Task.Run(() =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                try
                {
                    Thread.Sleep(1);
                    foreach (var d in EdgeEngine.Plan(requests[n % 2]).Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info))
                    {
                        Problem($"planner: {d}");
                    }
                }
                catch (Exception ex)
                {
                    Problem($"planner: {ex.GetType().Name}: {ex.Message}");
                }
            }
        });

        await Task.WhenAll(builds);
        await stop.CancelAsync();
        await planner;

        problems.Should().BeEmpty();
        committed.Should().OnlyContain(c => c >= 5, $"both builds must have committed step outputs while the other was planning and running ({replanned} re-planned)");

        // The work folder as the last build left it: the step's record describes the model beside it and the fingerprint file.
        var plan = PlanFile.Read(Path.Combine(dir, "obj", "model", PlanFile.FileName)).Plan;
        var step = plan.Steps.Single();
        var record = StepRecord.TryRead(step.RecordFile);
        if (File.Exists(step.OutputModel))
        {
            record.Should().NotBeNull();
            record!.OutputSha256.Should().Be(Fingerprint.FileSha256(step.OutputModel));
            record.Fingerprint.Should().Be(File.ReadAllText(step.FingerprintFile));
        }
    }

    [Fact]
    public void ABuildDoesNotJudgeItsBudgetsOnTheMeasurementsOfAnotherBuildsPlan()
    {
        // Two recipes with the same step that time latency differently: the step output is shared, the measurements are not.
        var dir = NewProject("two-evaluations");
        PlanRequest Request(int runs) => RequestIn(dir, $"recipe-{runs}.yaml", Recipe.Replace("runs: 3", $"runs: {runs}", StringComparison.Ordinal).Replace("FOLD", "true", StringComparison.Ordinal));

        var settings = new RunSettings { Threads = 1 };
        var first = EdgeEngine.Plan(Request(3)).Pipeline!;
        EdgeEngine.RunStep(first.PlanFile, 1, settings);
        EdgeEngine.Evaluate(first.PlanFile, settings);
        var firstPlan = File.ReadAllText(first.PlanFile);

        // The second build plans, runs and evaluates in between; the first then finishes from its own plan file.
        var second = EdgeEngine.Plan(Request(5)).Pipeline!;
        EdgeEngine.RunStep(second.PlanFile, 1, settings);
        EdgeEngine.Evaluate(second.PlanFile, settings);
        var stale = Path.Combine(dir, "first-plan.json");
        File.WriteAllText(stale, firstPlan);

        var finish = () => EdgeEngine.Finish(stale, Path.Combine(dir, "bin"));
        finish.Should().Throw<EdgeException>().Which.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCatalog.Sdk.WorkFolderChanged.Code);
        Directory.Exists(Path.Combine(dir, "bin", "model")).Should().BeFalse("nothing is published from another plan's measurements");

        // The build whose measurements they are finishes, and so does the first once it has evaluated again.
        EdgeEngine.Finish(second.PlanFile, Path.Combine(dir, "bin")).Passed.Should().BeTrue();
        EdgeEngine.Evaluate(stale, settings).Should().BeTrue("the first build's measurements are taken again");
        EdgeEngine.Finish(stale, Path.Combine(dir, "bin")).Passed.Should().BeTrue();
    }

    /// <summary>A project folder with the CNN as model.onnx and the digits test set under data/.</summary>
    private static string NewProject(string name)
    {
        var dir = TestPaths.NewTempDir(name);
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Copy(TestPaths.Model("digits_cnn"), Path.Combine(dir, "model.onnx"));
        File.Copy(TestPaths.Data("digits", "test_x.npy"), Path.Combine(dir, "data", "test_x.npy"));
        File.Copy(TestPaths.Data("digits", "test_y.npy"), Path.Combine(dir, "data", "test_y.npy"));
        return dir;
    }

    /// <summary>Writes <paramref name="recipeText"/> as <paramref name="recipeName"/> in <paramref name="dir"/> and returns the plan request a build of it makes.</summary>
    private static PlanRequest RequestIn(string dir, string recipeName, string recipeText)
    {
        var recipe = Path.Combine(dir, recipeName);
        File.WriteAllText(recipe, recipeText);
        return new PlanRequest
        {
            RecipePath = recipe,
            ModelPath = Path.Combine(dir, "model.onnx"),
            IntermediateDirectory = Path.Combine(dir, "obj"),
            TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
        };
    }
}
