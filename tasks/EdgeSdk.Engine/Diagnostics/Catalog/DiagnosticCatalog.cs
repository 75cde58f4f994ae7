// The one catalogue of EdgeSdk diagnostic codes. Each area keeps its section in a partial file beside this
// one (DiagnosticCatalog.Recipes.cs, DiagnosticCatalog.Quantization.cs …); docs/diagnostics.md is generated
// from the catalogue (`edgesdk diagnostics --out docs/diagnostics.md`) and a test fails when it is stale.
using System.ComponentModel;
using System.Reflection;

namespace EdgeSdk.Diagnostics;

/// <summary>
/// Every <c>EDGEnnnn</c> code with its severity, title and meaning, each defined exactly once.
/// </summary>
/// <remarks>
/// <para>Ranges: <c>EDGE0xxx</c> SDK, project, command line and pipeline; <c>EDGE1xxx</c> recipes and target
/// profiles; <c>EDGE2xxx</c> passes (<c>EDGE20xx</c> all passes, <c>EDGE21xx</c> quantize, <c>EDGE22xx</c> prune,
/// <c>EDGE23xx</c> lowrank, <c>EDGE27xx</c> training); <c>EDGE3xxx</c> ONNX Runtime; <c>EDGE4xxx</c> ONNX models;
/// <c>EDGE5xxx</c> budgets, evaluation and reports; <c>EDGE6xxx</c> data sets; <c>EDGE7xxx</c> search.</para>
/// <para>To add a code:</para>
/// <list type="number">
/// <item>Pick the next free number in the area's range (never reuse or renumber a code; a retired code stays retired).</item>
/// <item>Add one <c>public static readonly DiagnosticDescriptor</c> field to the area's nested class in
/// <c>Diagnostics/Catalog/DiagnosticCatalog.&lt;Area&gt;.cs</c>: <c>new("EDGEnnnn", DiagnosticSeverity.Error, "Short title",
/// "What it means and what to do.")</c>. A new area gets its own partial file with a nested static class carrying a
/// <see cref="DescriptionAttribute"/> (its section title in the docs).</item>
/// <item>Raise it through the descriptor, never through the literal: <c>new EdgeException(DiagnosticCatalog.Recipes.UnknownKey, message, location)</c>,
/// <c>DiagnosticCatalog.Pruning.NothingToPrune.Create(message)</c> or <c>EdgeDiagnostic.Warning(descriptor, …)</c>.
/// An <c>"EDGEnnnn"</c> literal anywhere else under <c>tasks/</c> fails <c>DiagnosticCatalogTests</c>; a file outside
/// <c>tasks/</c> (an MSBuild target, a script) may spell a code only when its descriptor names that file in <see cref="DiagnosticDescriptor.RaisedBy"/>.</item>
/// <item>Regenerate the docs: <c>dotnet run --project tasks/EdgeSdk.Cli -- diagnostics --out docs/diagnostics.md</c>.</item>
/// </list>
/// </remarks>
internal static partial class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<CatalogEntry>> Entries = new(Collect);

    /// <summary>Gets every code of the catalogue, ordered by code.</summary>
    public static IReadOnlyList<CatalogEntry> All => Entries.Value;

    /// <summary>Finds the descriptor of <paramref name="code"/>, or null when the catalogue has no such code.</summary>
    public static DiagnosticDescriptor? Find(string code) => All.FirstOrDefault(e => e.Descriptor.Code == code)?.Descriptor;

    private static IReadOnlyList<CatalogEntry> Collect() =>
        typeof(DiagnosticCatalog).GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(area => area.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => new CatalogEntry(
                    area.GetCustomAttribute<DescriptionAttribute>()?.Description ?? area.Name,
                    area.Name,
                    f.Name,
                    (DiagnosticDescriptor)f.GetValue(null)!)))
            .OrderBy(e => e.Descriptor.Code, StringComparer.Ordinal)
            .ToList();
}

/// <summary>A descriptor with where it sits in the catalogue.</summary>
/// <param name="Section">The section title of its area (from the area's <see cref="DescriptionAttribute"/>).</param>
/// <param name="Area">The area's nested class name, e.g. <c>Recipes</c>.</param>
/// <param name="Name">The field name, e.g. <c>UnknownKey</c>.</param>
/// <param name="Descriptor">The definition.</param>
internal sealed record CatalogEntry(string Section, string Area, string Name, DiagnosticDescriptor Descriptor);
