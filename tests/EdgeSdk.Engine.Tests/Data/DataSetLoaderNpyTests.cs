// DataSetLoader on NPY files: maps the only input, keeps labels, shuffles deterministically, limits samples.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Data;

public sealed class DataSetLoaderNpyTests
{
    private static DataSetSpec DigitsSpec(int? samples = null, bool shuffle = false, int seed = 0) => new()
    {
        Name = "evaluation",
        Inputs = [new DataInputSpec(null, TestPaths.Data("digits", "test_x.npy"), [], new SourceLocation("r.yaml", 6, 13))],
        Labels = TestPaths.Data("digits", "test_y.npy"),
        Samples = samples,
        Shuffle = shuffle,
        Seed = seed,
        Location = new SourceLocation("r.yaml", 5, 5),
    };

    [Fact]
    public void LoadsTheDigitsTestSplitForTheOnlyInput()
    {
        var set = (InMemoryDataSet)DataSetLoader.Load(DigitsSpec(), ["input"]);

        set.Count.Should().Be(400);
        set.InputNames.Should().Equal("input");
        set.Inputs["input"].Shape.Should().Equal(400, 1, 8, 8);
        set.Labels!.AsInt64().Take(3).Should().Equal(NpyFile.Read(TestPaths.Data("digits", "test_y.npy")).AsInt64().Take(3));
    }

    [Fact]
    public void ShuffleIsSeededAndSamplesLimitTheSet()
    {
        var a = (InMemoryDataSet)DataSetLoader.Load(DigitsSpec(samples: 50, shuffle: true, seed: 3), ["input"]);
        var b = (InMemoryDataSet)DataSetLoader.Load(DigitsSpec(samples: 50, shuffle: true, seed: 3), ["input"]);
        var c = (InMemoryDataSet)DataSetLoader.Load(DigitsSpec(samples: 50, shuffle: true, seed: 4), ["input"]);

        a.Count.Should().Be(50);
        a.Labels!.AsInt64().Should().Equal(b.Labels!.AsInt64());
        a.Inputs["input"].AsFloat().Should().Equal(b.Inputs["input"].AsFloat());
        a.Labels.AsInt64().Should().NotEqual(c.Labels!.AsInt64());
    }

    [Fact]
    public void UnnamedInputForAModelWithTwoInputsIsAnEdge6Error()
    {
        var act = () => DataSetLoader.Load(DigitsSpec(), ["a", "b"]);

        act.Should().Throw<EdgeException>().Which.Diagnostics.Single().Code.Should().Be("EDGE6003");
    }

    [Fact]
    public void SpecFilesAndCanonicalTextIgnoreRecipeLocations()
    {
        var spec = DigitsSpec(samples: 10, shuffle: true, seed: 2);
        var moved = spec with { Location = new SourceLocation("r.yaml", 40, 1), Inputs = [spec.Inputs[0] with { Location = new SourceLocation("r.yaml", 41, 13) }] };

        DataSetSpecFiles.Files(spec).Should().Equal(TestPaths.Data("digits", "test_x.npy"), TestPaths.Data("digits", "test_y.npy"));
        DataSetSpecFiles.CanonicalText(moved).Should().Be(DataSetSpecFiles.CanonicalText(spec));
        DataSetSpecFiles.CanonicalText(spec with { Seed = 3 }).Should().NotBe(DataSetSpecFiles.CanonicalText(spec));
    }
}
