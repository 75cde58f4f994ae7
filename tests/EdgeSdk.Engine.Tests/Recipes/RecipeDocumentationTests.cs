// recipes/README.md documents every key the loader accepts and every EDGE1xxx code it emits, so the
// documentation cannot silently fall behind the language.
using EdgeSdk.Evaluation;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class RecipeDocumentationTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "recipes", "README.md"));

    public static TheoryData<string> Keys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        keys.UnionWith(RecipeReader.Keys);
        keys.UnionWith(DataSectionReader.SetNames);
        keys.UnionWith(DataSectionReader.SetKeys);
        keys.UnionWith(DataSectionReader.PreprocessKeys);
        keys.UnionWith(DataSectionReader.Formats);
        keys.UnionWith(DataSectionReader.Layouts);
        keys.UnionWith(EvaluateSectionReader.Keys);
        keys.UnionWith(EvaluateSectionReader.LatencyKeys);
        keys.UnionWith(EvaluateSectionReader.Tasks);
        keys.UnionWith(BudgetSectionReader.Kinds);
        keys.UnionWith(BudgetSectionReader.LimitKeys.Values.SelectMany(v => v));
        keys.UnionWith(BudgetSectionReader.CommonKeys);
        keys.UnionWith(PassSectionReader.ReservedKeys);
        keys.UnionWith(SearchSectionReader.Keys);
        keys.UnionWith(SearchSectionReader.Strategies);
        keys.UnionWith(TargetProfileReader.InlineKeys);
        keys.UnionWith(TargetProfileReader.QuantizationKeys);
        keys.UnionWith(MetricNames.Multiclass.Concat(MetricNames.Binary).Concat(MetricNames.Regression).Concat(MetricNames.Fidelity));
        var data = new TheoryData<string>();
        foreach (var key in keys)
        {
            data.Add(key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void ReadmeDocumentsKey(string key) => (Readme.Contains($"`{key}`") || Readme.Contains($"{key}:")).Should().BeTrue($"recipes/README.md should document `{key}`");

    [Fact]
    public void ReadmeListsEveryRecipeDiagnosticCode()
    {
        var codes = EdgeSdk.Diagnostics.DiagnosticCatalog.All.Where(e => e.Area == nameof(EdgeSdk.Diagnostics.DiagnosticCatalog.Recipes)).Select(e => e.Descriptor.Code).ToList();

        codes.Should().HaveCountGreaterThan(15);
        codes.Should().OnlyHaveUniqueItems();
        codes.Should().OnlyContain(c => Readme.Contains($"| {c} |"));
    }

    [Fact]
    public void ReadmeNamesEveryPass() =>
        EdgeSdk.Passes.PassCatalog.All.Keys.Should().OnlyContain(name => Readme.Contains($"`{name}`"));
}
