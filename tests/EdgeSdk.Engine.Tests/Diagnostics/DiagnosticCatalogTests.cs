// The diagnostics catalogue is the only place a code is defined: codes are unique and in their area's range,
// docs/diagnostics.md is exactly what the catalogue renders, and no source under tasks/ spells a code as text.
using System.Text.RegularExpressions;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Diagnostics;

public class DiagnosticCatalogTests
{
    private static readonly Regex CodeText = new(@"EDGE\d{4}", RegexOptions.Compiled);

    [Fact]
    public void EveryCodeIsDefinedOnceWithTitleAndMeaning()
    {
        var all = DiagnosticCatalog.All;

        all.Should().HaveCountGreaterThan(90);
        all.Select(e => e.Descriptor.Code).Should().OnlyHaveUniqueItems();
        all.Should().OnlyContain(e => Regex.IsMatch(e.Descriptor.Code, @"^EDGE\d{4}$"));
        all.Should().OnlyContain(e => e.Descriptor.Title.Length > 0 && !e.Descriptor.Title.EndsWith('.') && char.IsUpper(e.Descriptor.Title[0]));
        all.Should().OnlyContain(e => e.Descriptor.Meaning.Length > 10 && e.Descriptor.Meaning.EndsWith('.'));
        all.Select(e => (e.Area, e.Name)).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData(nameof(DiagnosticCatalog.Sdk), 0, 999)]
    [InlineData(nameof(DiagnosticCatalog.Recipes), 1000, 1999)]
    [InlineData(nameof(DiagnosticCatalog.Passes), 2000, 2099)]
    [InlineData(nameof(DiagnosticCatalog.Quantization), 2100, 2199)]
    [InlineData(nameof(DiagnosticCatalog.Pruning), 2200, 2299)]
    [InlineData(nameof(DiagnosticCatalog.LowRank), 2300, 2399)]
    [InlineData(nameof(DiagnosticCatalog.Training), 2700, 2799)]
    [InlineData(nameof(DiagnosticCatalog.Runtime), 3000, 3999)]
    [InlineData(nameof(DiagnosticCatalog.Onnx), 4000, 4999)]
    [InlineData(nameof(DiagnosticCatalog.Evaluation), 5000, 5999)]
    [InlineData(nameof(DiagnosticCatalog.Data), 6000, 6999)]
    public void EachAreaUsesItsRange(string area, int first, int last)
    {
        var numbers = DiagnosticCatalog.All.Where(e => e.Area == area).Select(e => int.Parse(e.Descriptor.Code[4..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

        numbers.Should().NotBeEmpty();
        numbers.Should().OnlyContain(n => n >= first && n <= last, $"codes of {area} are EDGE{first:D4}…EDGE{last:D4}");
    }

    [Fact]
    public void FindReturnsTheDescriptorOfACode()
    {
        DiagnosticCatalog.Find("EDGE1002").Should().BeSameAs(DiagnosticCatalog.Recipes.UnknownKey);
        DiagnosticCatalog.Find("EDGE9999").Should().BeNull();
    }

    [Fact]
    public void DiagnosticsPageIsGeneratedFromTheCatalogue()
    {
        var page = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "diagnostics.md")).ReplaceLineEndings("\n");

        page.Should().Be(DiagnosticsDocument.Render(), "docs/diagnostics.md is generated: run `dotnet run --project tasks/EdgeSdk.Cli -- diagnostics --out docs/diagnostics.md`");
    }

    [Fact]
    public void NoSourceUnderTasksSpellsACodeOutsideTheCatalogue()
    {
        var offenders = SourceFiles("tasks", "*.cs")
            .Where(f => !f.Replace('\\', '/').Contains("/Diagnostics/Catalog/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && CodeText.IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(TestPaths.RepoRoot, l.File)}({l.Line}): {l.Text.Trim()}")
            .ToList();

        offenders.Should().BeEmpty("raise codes through DiagnosticCatalog descriptors, never as \"EDGEnnnn\" text");
    }

    [Fact]
    public void FilesOutsideTasksSpellOnlyCodesTheCatalogueSaysTheyRaise()
    {
        var files = SourceFiles("sdk", "*.targets").Concat(SourceFiles("sdk", "*.props")).Concat(SourceFiles("sdk", "*.csproj")).Concat(SourceFiles("eng", "*.sh"));
        var spelled = files.SelectMany(f => CodeText.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(TestPaths.RepoRoot, f).Replace('\\', '/'), Code: m.Value))).Distinct().ToList();
        var allowed = DiagnosticCatalog.All.Where(e => e.Descriptor.RaisedBy is not null).Select(e => (File: e.Descriptor.RaisedBy!, e.Descriptor.Code)).ToList();

        spelled.Should().NotBeEmpty();
        spelled.Should().OnlyContain(s => allowed.Contains(s), "a file outside tasks/ may spell a code only when the catalogue names it in RaisedBy");
        allowed.Should().OnlyContain(a => File.Exists(Path.Combine(TestPaths.RepoRoot, a.File)) && File.ReadAllText(Path.Combine(TestPaths.RepoRoot, a.File)).Contains(a.Code), "RaisedBy must name a file that raises the code");
    }

    [Fact]
    public void DescriptorsCreateDiagnosticsWithTheirCodeAndSeverity()
    {
        var warning = DiagnosticCatalog.Pruning.NothingToPrune.Create("nothing", new SourceLocation("r.yaml", 3, 4));
        var error = new EdgeException(DiagnosticCatalog.Recipes.UnknownPass, "Unknown pass 'fusee'.");

        warning.Should().Be(new EdgeDiagnostic("EDGE2203", DiagnosticSeverity.Warning, "nothing", new SourceLocation("r.yaml", 3, 4)));
        error.Diagnostics.Single().ToString().Should().Be("error EDGE1009: Unknown pass 'fusee'.");
    }

    private static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.RepoRoot, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
}
