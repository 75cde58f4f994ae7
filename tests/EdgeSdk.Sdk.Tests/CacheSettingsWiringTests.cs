// Every MSBuild task that runs steps receives the step-cache settings: EdgePlan (a search's trials),
// EdgeRunStep (the steps) and EdgeGate (the model.ort conversion) are each given all five Edge*Cache*
// properties in EdgeSdk.targets. EdgeEvaluate is given none on purpose: measurements depend on the machine
// and are always taken locally (docs/caching.md). Reads the targets file; no build.
using System.Xml.Linq;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

public sealed class CacheSettingsWiringTests
{
    private static readonly (string Attribute, string Value)[] CacheParameters =
    [
        ("Cache", "$(EdgeCache)"),
        ("CacheDirectory", "$(_EdgeCacheDirFull)"),
        ("RemoteCache", "$(EdgeRemoteCache)"),
        ("RemoteCacheWrite", "$(EdgeRemoteCacheWrite)"),
        ("RemoteCacheTimeout", "$(EdgeRemoteCacheTimeout)"),
    ];

    private static readonly XDocument Targets = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "sdk", "EdgeSdk", "build", "EdgeSdk.targets"));

    [Theory]
    [InlineData("EdgePlan")]
    [InlineData("EdgeRunStep")]
    [InlineData("EdgeGate")]
    public void TaskThatRunsStepsGetsEveryCacheSetting(string task)
    {
        var calls = Targets.Descendants(task).Where(e => e.Parent?.Name.LocalName == "Target").ToList();
        calls.Should().NotBeEmpty();
        foreach (var call in calls)
        {
            foreach (var (attribute, value) in CacheParameters)
            {
                call.Attribute(attribute)?.Value.Should().Be(value, $"{task} passes {attribute}");
                call.Attribute(attribute).Should().NotBeNull($"{task} must pass {attribute}=\"{value}\"");
            }
        }
    }

    [Fact]
    public void EvaluationTakesNoCacheSettings() =>
        Targets.Descendants("EdgeEvaluate").Where(e => e.Parent?.Name.LocalName == "Target")
            .Should().ContainSingle().Which.Attributes().Select(a => a.Name.LocalName).Should().NotContain(CacheParameters.Select(p => p.Attribute));
}
