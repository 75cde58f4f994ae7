// A model.ort in the work folder overwritten with garbage was published by every later build, because it is
// reused while model.onnx is unchanged. Now its conversion records the digests of both files (model.ort.json)
// and a build converts it again when model.ort no longer has the recorded digest: with one EDGE0034 warning,
// or quietly when there is no record (an older engine's work folder). Runs go through the whole pipeline
// (RecipeRunKit); the published model.ort must come out byte-identical to the first build's each time.
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Pipeline;

public sealed class OrtArtifactRecordRunTests
{
    [Fact]
    public void ACorruptedModelOrtInTheWorkFolderIsConvertedAgainWithOneWarning()
    {
        var (dir, recipe) = Write();
        var first = RecipeRunKit.Run(recipe, dir);
        var published = Path.Combine(first.OutputDirectory, "model.ort");
        var good = File.ReadAllBytes(published);
        var work = Directory.GetFiles(Path.Combine(dir, "cache"), "model.ort", SearchOption.AllDirectories).Should().ContainSingle().Subject;
        File.Exists(OrtArtifactRecord.PathOf(work)).Should().BeTrue("the conversion records its digests");

        // Same length, other bytes: only the digest can tell.
        File.WriteAllBytes(work, new byte[good.Length]);
        var warnings = new List<EdgeDiagnostic>();
        RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Report = warnings.Add });

        var warning = warnings.Should().ContainSingle(w => w.Code == DiagnosticCatalog.Sdk.WorkFileCorrupted.Code).Subject;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain(work).And.Contain("converted again");
        File.ReadAllBytes(work).Should().Equal(good);
        File.ReadAllBytes(published).Should().Equal(good, "the garbage is not published");

        // Repaired: the next build reuses it without a word.
        warnings.Clear();
        RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Report = warnings.Add });
        warnings.Should().NotContain(w => w.Code == DiagnosticCatalog.Sdk.WorkFileCorrupted.Code);
        File.ReadAllBytes(published).Should().Equal(good);
    }

    [Fact]
    public void AModelOrtWithoutARecordIsConvertedAgainQuietly()
    {
        var (dir, recipe) = Write();
        var first = RecipeRunKit.Run(recipe, dir);
        var good = File.ReadAllBytes(Path.Combine(first.OutputDirectory, "model.ort"));
        var work = Directory.GetFiles(Path.Combine(dir, "cache"), "model.ort", SearchOption.AllDirectories).Single();
        File.Delete(OrtArtifactRecord.PathOf(work));
        File.WriteAllBytes(work, [1, 2, 3]);

        var warnings = new List<EdgeDiagnostic>();
        var again = RecipeRunKit.Run(recipe, dir, new PipelineRunOptions { Report = warnings.Add });

        warnings.Should().NotContain(w => w.Code == DiagnosticCatalog.Sdk.WorkFileCorrupted.Code, "no record only means the file cannot be trusted");
        File.ReadAllBytes(Path.Combine(again.OutputDirectory, "model.ort")).Should().Equal(good);
        File.Exists(OrtArtifactRecord.PathOf(work)).Should().BeTrue();
    }

    private static (string Dir, Recipe Recipe) Write() => RecipeRunKit.FuseDigitsMlp("ort-record");
}
