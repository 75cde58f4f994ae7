// docs/msbuild.md lists every property, item, item metadata and target the SDK's .props/.targets define
// (private `_Edge…` names excepted), so a property or hook added to the SDK cannot stay undocumented.
using System.Text.RegularExpressions;
using System.Xml.Linq;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

public sealed partial class MSBuildReferenceDocumentationTests
{
    private static readonly string Reference = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "msbuild.md"));

    private static IEnumerable<XDocument> SdkFiles() =>
        new[] { "Sdk", "build" }
            .SelectMany(d => Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "sdk", "EdgeSdk", d)))
            .Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => XDocument.Load(f));

    public static TheoryData<string> PublicNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names())
        {
            data.Add(name);
        }

        return data;
    }

    private static SortedSet<string> Names()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var doc in SdkFiles())
        {
            var all = doc.Descendants().ToList();
            names.UnionWith(all.Where(e => e.Name.LocalName == "PropertyGroup").SelectMany(g => g.Elements()).Select(e => e.Name.LocalName));
            names.UnionWith(all.Where(e => e.Name.LocalName == "Target").Select(e => (string)e.Attribute("Name")!));
            names.UnionWith(all.Where(e => e.Name.LocalName == "Import").SelectMany(e => PropertyReference().Matches((string)e.Attribute("Project")!).Select(m => m.Groups[1].Value).Where(p => !p.StartsWith("MSBuild", StringComparison.Ordinal))));
            names.UnionWith(all.Where(e => e.Name.LocalName == "AvailableItemName").Select(e => (string)e.Attribute("Include")!));
            foreach (var definition in all.Where(e => e.Name.LocalName == "ItemDefinitionGroup").SelectMany(g => g.Elements()))
            {
                names.Add(definition.Name.LocalName);
                names.UnionWith(definition.Elements().Select(m => m.Name.LocalName));
            }

            // Items a target returns (Returns="@(X)"), with the metadata it gives them.
            foreach (var target in all.Where(e => e.Name.LocalName == "Target" && e.Attribute("Returns") is not null))
            {
                foreach (Match m in ItemReference().Matches((string)target.Attribute("Returns")!))
                {
                    var item = m.Groups[1].Value;
                    names.Add(item);
                    names.UnionWith(target.Descendants().Where(e => e.Name.LocalName == item).SelectMany(e => e.Attributes()).Select(a => a.Name.LocalName).Where(a => a is not "Include" and not "Remove" and not "Condition"));
                }
            }
        }

        names.RemoveWhere(n => n.StartsWith('_'));
        return names;
    }

    [Fact]
    public void TheSdkHasTheDocumentedCoreNames() =>
        Names().Should().Contain(
            ["EdgeThreads", "EdgeUseTaskHost", "EdgeIntermediatePath", "EdgeOutputPath", "EdgeRecipeProperties", "OutputName", "Recipe", "EdgeModel",
             "CustomBeforeEdgeSdkProps", "CustomAfterEdgeSdkProps", "CustomBeforeEdgeSdkTargets", "CustomAfterEdgeSdkTargets",
             "EdgeBeforeBuild", "EdgeAfterBuild", "EdgeBuildDependsOn", "GetEdgeOptimizedModels", "EdgeOptimizedModel", "ModelName", "Kind", "TargetPath"]);

    [Theory]
    [MemberData(nameof(PublicNames))]
    public void ReferenceDocumentsName(string name) =>
        Regex.IsMatch(Reference, $@"^\|[^\n]*`{Regex.Escape(name)}`[^\n]*\|", RegexOptions.Multiline).Should().BeTrue($"docs/msbuild.md should have a table row for `{name}`");

    [Fact]
    public void TestOnlyOverridesArePrivate() =>
        Names().Should().NotContain("EdgeTaskAssembly", "the task-assembly override is for tests: _EdgeTaskAssembly");

    [GeneratedRegex(@"\$\((\w+)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"@\((\w+)\)")]
    private static partial Regex ItemReference();
}
