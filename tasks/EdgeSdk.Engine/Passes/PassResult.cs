// What a pass returns: the transformed model and a structured account of what it did, which the report
// renders (summary lines, named figures, per-layer tables).
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes;

/// <summary>A table in a pass's report section (e.g. per-layer channels before and after).</summary>
/// <param name="Title">Table title.</param>
/// <param name="Columns">Column headers.</param>
/// <param name="Rows">Rows of cell text.</param>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>The outcome of one pass.</summary>
internal sealed class PassResult
{
    /// <summary>Creates a result.</summary>
    public PassResult(ModelGraph model) => Model = model;

    /// <summary>Gets the transformed model.</summary>
    public ModelGraph Model { get; }

    /// <summary>Gets one-line statements of what the pass did (<c>folded 3 BatchNormalization into Conv</c>).</summary>
    public List<string> Summary { get; } = [];

    /// <summary>Gets named figures (counts, ratios) for the manifest.</summary>
    public SortedDictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets tables for the detailed report.</summary>
    public List<ReportTable> Tables { get; } = [];

    /// <summary>Gets named text facts for the manifest (e.g. the CPU and ISA a host-measured decision was made on).</summary>
    public SortedDictionary<string, string> Facts { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets warnings to show in the report (also reported as diagnostics).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Gets or sets whether the output depends on measurements of the build machine (e.g. host latency choices); such results are shared only between machines with the same CPU model and ISA.</summary>
    public bool HostDependent { get; set; }
}
