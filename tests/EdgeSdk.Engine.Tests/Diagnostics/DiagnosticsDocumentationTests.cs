// Every EDGEnnnn code the code can report is documented in docs/diagnostics.md, and no code is defined
// twice with different meanings.
using System.Text.RegularExpressions;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Diagnostics;

public class DiagnosticsDocumentationTests
{
    [Fact]
    public void EveryCodeInTheSourceIsDocumented()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "tasks"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, "sdk"), "*.targets", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        var used = sources.SelectMany(f => Regex.Matches(File.ReadAllText(f), @"EDGE\d{4}").Select(m => m.Value)).ToHashSet();
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md"));
        var documented = Regex.Matches(doc, @"\| <a id=""edge\d{4}""></a>(EDGE\d{4}) \|").Select(m => m.Groups[1].Value).ToList();
        used.Should().NotBeEmpty();
        used.Except(documented).Should().BeEmpty("add new codes to the catalogue (Diagnostics/Catalog) and regenerate docs/diagnostics.md with `edgesdk diagnostics --out docs/diagnostics.md`");
        documented.Should().OnlyHaveUniqueItems();
    }
}
