// The CI sample is valid YAML, runs `edgesdk diff` with thresholds that parse, and posts the diff file.
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
        scripts.Should().Contain(s => s.Contains("edgesdk diff out/base/edge out/head/edge --fail-on \"$FAIL_ON\" --out diff.md"));
        File.ReadAllText(path).Should().Contain("readFileSync('diff.md'");
    }
}
