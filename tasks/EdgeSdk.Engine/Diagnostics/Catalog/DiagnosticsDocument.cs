// Renders docs/diagnostics.md from the DiagnosticCatalog, so the documentation is the catalogue and cannot
// go stale: `edgesdk diagnostics --out docs/diagnostics.md` writes it and a test compares the file.
using System.Text;

namespace EdgeSdk.Diagnostics;

/// <summary>The Markdown page listing every diagnostic code.</summary>
internal static class DiagnosticsDocument
{
    /// <summary>Renders the page (LF line ends, one table per catalogue section, ordered by code).</summary>
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# EdgeSdk diagnostics\n\n");
        text.Append("Every diagnostic has a stable code. Errors and warnings name the file, line and column they are about\n");
        text.Append("(for recipes: the offending key or value) and say what to do. A warning can be silenced in MSBuild with\n");
        text.Append("`<NoWarn>$(NoWarn);EDGEnnnn</NoWarn>`, or by making a budget `warning: true` in the recipe.\n\n");
        text.Append("This file is generated from the catalogue in `tasks/EdgeSdk.Engine/Diagnostics/Catalog/` by\n");
        text.Append("`dotnet run --project tasks/EdgeSdk.Cli -- diagnostics --out docs/diagnostics.md`; a test fails when it is stale.\n");
        text.Append("To add a code, see the remarks on `DiagnosticCatalog` (`Diagnostics/Catalog/DiagnosticCatalog.cs`).\n");
        foreach (var section in DiagnosticCatalog.All.GroupBy(e => e.Section).OrderBy(g => g.First().Descriptor.Code, StringComparer.Ordinal))
        {
            text.Append("\n## ").Append(section.Key).Append("\n\n");
            text.Append("| code | severity | title | meaning |\n|---|---|---|---|\n");
            foreach (var entry in section)
            {
                var d = entry.Descriptor;
                var raisedBy = d.RaisedBy is null ? string.Empty : $" (raised by `{d.RaisedBy}`)";
                text.Append(FormattableString.Invariant($"| <a id=\"{d.Code.ToLowerInvariant()}\"></a>{d.Code} | {d.Severity.ToString().ToLowerInvariant()} | {Cell(d.Title)} | {Cell(d.Meaning)}{raisedBy} |\n"));
            }
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
