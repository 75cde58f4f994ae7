// The `execution_providers` list of a target profile or an inline recipe target: short names (`xnnpack`) and
// ONNX Runtime's names are accepted and stored as ONNX Runtime's, in order; an unknown name is a located
// error with a did-you-mean, in a profile file as in a recipe.
using EdgeSdk.Diagnostics;
using EdgeSdk.Targets;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class ExecutionProviderNameTests
{
    private readonly RecipeTestFiles _files = new();

    private const string Recipe = """
        recipe: 1
        model: model.onnx
        target:
          profile: test-cpu
          execution_providers: [xnnpack, CPUExecutionProvider]
        """;

    [Fact]
    public void ShortAndOrtNamesAreStoredAsOrtNamesInOrder()
    {
        var result = _files.Load(Recipe);

        result.Diagnostics.Should().BeEmpty();
        result.Recipe!.Target.ExecutionProviders.Should().Equal("XnnpackExecutionProvider", "CPUExecutionProvider");
    }

    [Fact]
    public void AnUnknownNameInARecipeIsALocatedErrorWithDidYouMean()
    {
        var result = _files.Load(Recipe.Replace("[xnnpack,", "[xnnpak,"));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCatalog.Recipes.InvalidValue.Code);
        error.Message.Should().Contain("'xnnpak'").And.Contain("Did you mean 'xnnpack'?").And.Contain("target.execution_providers");
        error.Location.Should().Be(new SourceLocation(Path.Combine(_files.Root, "recipe.yaml"), 5, 25));
        result.Succeeded.Should().BeFalse();
    }

    [Fact]
    public void AnUnknownNameInAProfileFileIsALocatedErrorWithDidYouMean()
    {
        File.WriteAllText(
            Path.Combine(_files.Root, "targets", "test-cpu.yaml"),
            RecipeTestFiles.TestProfile.Replace("execution_providers: [CPUExecutionProvider]", "execution_providers: [coreml, CUDAExecutionProvidr]").ReplaceLineEndings("\n"));

        var catalog = TargetCatalog.Load(Path.Combine(_files.Root, "targets"));

        var error = catalog.Diagnostics.Should().ContainSingle().Subject;
        error.Message.Should().Contain("'CUDAExecutionProvidr'").And.Contain("Did you mean 'CUDAExecutionProvider'?");
        error.Location!.File.Should().EndWith("test-cpu.yaml");
        (error.Location.Line, error.Location.Column).Should().Be((11, 31));
    }

    [Fact]
    public void EveryKnownProviderHasAShortNameThatMapsBack()
    {
        foreach (var (shortName, ort) in ExecutionProviderNames.Known)
        {
            ExecutionProviderNames.ToOrtName(shortName).Should().Be(ort);
            ExecutionProviderNames.ToOrtName(ort.ToUpperInvariant()).Should().Be(ort);
            ExecutionProviderNames.ToShortName(ort).Should().Be(shortName);
        }

        ExecutionProviderNames.ToOrtName("npu").Should().BeNull();
    }
}
