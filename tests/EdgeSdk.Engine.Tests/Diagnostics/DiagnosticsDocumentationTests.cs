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
        used.Except(documented).Should().BeEmpty("run eng/generate-diagnostics-doc.py to document new codes");
        documented.Should().OnlyHaveUniqueItems();
    }
}
