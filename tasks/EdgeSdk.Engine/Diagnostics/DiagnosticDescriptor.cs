// The definition of one stable diagnostic code: code, severity, title and meaning, written once in the
// DiagnosticCatalog. Every EdgeDiagnostic the engine reports is created from one of these, so the code,
// its documentation (docs/diagnostics.md) and its use cannot drift apart.
namespace EdgeSdk.Diagnostics;

/// <summary>One entry of the <see cref="DiagnosticCatalog"/>: a stable <c>EDGEnnnn</c> code and what it means.</summary>
/// <param name="Code">The stable code, <c>EDGE</c> and four digits; never reused for another meaning.</param>
/// <param name="Severity">The severity diagnostics with this code have (a budget marked <c>warning: true</c> may lower an error to a warning).</param>
/// <param name="Title">A short title (a few words, sentence case, no final period).</param>
/// <param name="Meaning">What the diagnostic means and what the user can do, in Markdown; shown in docs/diagnostics.md.</param>
internal sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title, string Meaning)
{
    /// <summary>
    /// Gets the repository file outside <c>tasks/</c> that raises this code (an MSBuild target or a script), or
    /// null when engine, task or CLI code raises it through this descriptor. Only such a file may spell the code as text.
    /// </summary>
    public string? RaisedBy { get; init; }

    /// <summary>Creates a diagnostic with this code and its catalogue severity.</summary>
    public EdgeDiagnostic Create(string message, SourceLocation? location = null) => new(Code, Severity, message, location);

    /// <summary>Returns the code, so that the descriptor reads naturally in interpolated text.</summary>
    public override string ToString() => Code;
}
