// The cache key covers everything that changes a step's output, and nothing that does not: two copies
// of one project in different folders plan identical fingerprints (so a second clone hits the cache),
// while a changed data file, option, engine build or ONNX Runtime version changes the key.
using EdgeSdk.IO;
using EdgeSdk.Caching;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Caching;

public sealed class StepCacheKeyTests
{
    [Fact]
    public void KeyChangesWithEngineBuildRuntimeVersionAndFingerprint()
    {
        var baseKey = StepCacheKey.For("fp", "engine-a", "1.30.0", "host");
        StepCacheKey.For("fp", "engine-a", "1.30.0", "host").Should().Be(baseKey);
        StepCacheKey.For("fp2", "engine-a", "1.30.0", "host").Portable.Should().NotBe(baseKey.Portable);
        StepCacheKey.For("fp", "engine-b", "1.30.0", "host").Portable.Should().NotBe(baseKey.Portable);
        StepCacheKey.For("fp", "engine-a", "1.31.0", "host").Portable.Should().NotBe(baseKey.Portable);
        StepCacheKey.For("fp", "engine-a", "1.30.0", "other").Host.Should().NotBe(baseKey.Host);
        baseKey.Portable.Should().MatchRegex("^[0-9a-f]{64}$");
        baseKey.Host.Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Fact]
    public void TwoCopiesOfAProjectPlanTheSameFingerprintsAndChangedDataChangesThem()
    {
        var a = CacheProject.Create("a");
        var b = CacheProject.Create("b");

        var planA = PipelinePlanner.Plan(a.LoadRecipe(), a.Model, Path.Combine(a.Directory, "obj"));
        var planB = PipelinePlanner.Plan(b.LoadRecipe(), b.Model, Path.Combine(b.Directory, "obj"));
        planA.Steps.Select(s => s.Fingerprint).Should().Equal(planB.Steps.Select(s => s.Fingerprint), "fingerprints hold contents, never the project's location");

        var data = File.ReadAllBytes(Path.Combine(b.Directory, "data", "train_x.npy"));
        data[^1] ^= 0x01;
        File.WriteAllBytes(Path.Combine(b.Directory, "data", "train_x.npy"), data);
        var changed = PipelinePlanner.Plan(b.LoadRecipe(), b.Model, Path.Combine(b.Directory, "obj"));
        changed.Steps[^1].Fingerprint.Should().NotBe(planA.Steps[^1].Fingerprint, "the data a step reads is part of its key");

    }
}
