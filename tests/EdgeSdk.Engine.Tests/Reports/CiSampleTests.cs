// The CI sample is valid YAML, runs `edgesdk diff` with thresholds that parse, and posts the diff file; its step that
// collects the head's sets (run here with bash on a fake tree) takes a model that missed a budget from obj/…/failed/.
using EdgeSdk.Reports;
using EdgeSdk.Tests;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Engine.Tests.Reports;

public class CiSampleTests
{
    [Fact]
    public void WorkflowRunsTheDiffWithValidThresholdsAndPostsIt()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "samples", "ci", "edgesdk-pr-diff.yml");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;

        var failOn = ((YamlScalarNode)((YamlMappingNode)root["env"])["FAIL_ON"]).Value!;
        RegressionThreshold.ParseList(failOn).Select(t => t.Key).Should().Equal("accuracy", "latency_p90", "size");

        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)root["jobs"])["diff"])["steps"];
        var scripts = steps.Cast<YamlMappingNode>().Select(s => s.Children.TryGetValue("run", out var r) ? ((YamlScalarNode)r).Value! : "").ToList();
        scripts.Should().Contain(s => s.Contains("edgesdk diff out/base/edge out/head-run/edge --fail-on \"$FAIL_ON\" --out diff.md"));
        scripts.Should().Contain(s => s.Contains("dotnet build head/$PROJECT") && s.Contains("-p:EdgeIntermediatePath=$GITHUB_WORKSPACE/out/head-obj/edge/"));
        File.ReadAllText(path).Should().Contain("readFileSync('diff.md'");
    }

    [Fact]
    public void TheCollectStepTakesPublishedSetsAndTheFailedSetOfAModelThatMissedABudget()
    {
        var path = Path.Combine(TestPaths.RepoRoot, "samples", "ci", "edgesdk-pr-diff.yml");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"])["diff"])["steps"];
        var collect = steps.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("name", out var n) && ((YamlScalarNode)n).Value == "Collect the head's sets");
        var script = ((YamlScalarNode)collect["run"]).Value!;

        // Model "good" passed (published to bin, plus a stale failed set of an earlier run would have been removed);
        // model "bad" missed a budget: bin keeps nothing of this run, obj/…/bad/failed/ holds its set.
        var dir = TestPaths.NewTempDir("ci-collect");
        void Set(string folder, string tag)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "manifest.json"), tag);
            File.WriteAllText(Path.Combine(folder, "report.md"), tag);
        }

        Set(Path.Combine(dir, "out", "head", "edge", "good"), "good-published");
        Set(Path.Combine(dir, "out", "head-obj", "edge", "bad", "failed"), "bad-failed");
        Directory.CreateDirectory(Path.Combine(dir, "out", "head-obj", "edge", "good"));
        File.WriteAllText(Path.Combine(dir, "collect.sh"), script);
        using (var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-e", "collect.sh"]) { WorkingDirectory = dir })!)
        {
            bash.WaitForExit();
            bash.ExitCode.Should().Be(0);
        }

        var run = Path.Combine(dir, "out", "head-run", "edge");
        Directory.GetDirectories(run).Select(Path.GetFileName).Should().BeEquivalentTo(["good", "bad"]);
        File.ReadAllText(Path.Combine(run, "good", "manifest.json")).Should().Be("good-published");
        File.ReadAllText(Path.Combine(run, "bad", "manifest.json")).Should().Be("bad-failed");
        File.ReadAllText(Path.Combine(run, "bad", "report.md")).Should().Be("bad-failed");
    }
}
