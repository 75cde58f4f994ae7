// recipes/README.md's pass-options tables are what the passes' declarations generate now (regenerate with
// `dotnet run --project tasks/EdgeSdk.Cli -- schema --out recipes/recipe.schema.json --readme recipes/README.md`).
using EdgeSdk.Passes;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class PassOptionsDocumentationTests
{
    [Fact]
    public void ReadmePassOptionsSectionIsUpToDate()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "recipes", "README.md"));

        PassOptionsMarkdown.Extract(readme).Should().Be(PassOptionsMarkdown.Generate(PassCatalog.All), "recipes/README.md must be regenerated with `dotnet run --project tasks/EdgeSdk.Cli -- schema --out recipes/recipe.schema.json --readme recipes/README.md`");
    }

    [Fact]
    public void GeneratedSectionListsEveryOptionOfEveryPassWithItsRange()
    {
        var section = PassOptionsMarkdown.Generate(PassCatalog.All);

        foreach (var (name, pass) in PassCatalog.All)
        {
            section.Should().Contain($"#### `{name}` options");
            foreach (var option in pass.Options.Options)
            {
                section.Should().Contain($"| `{option.Key}` |");
            }
        }

        section.Should().Contain("| `block_size` | integer | `32` | 16 … 4096 |");
        section.Should().Contain("| `mode` | enum | `static` | `static`, `dynamic`, `weight_only` |");
    }
}
