// A warning a step reported, as its record keeps it: code, message and recipe location. A later build that
// skips the step (nothing changed) shows it again, so a no-op build never hides what a cached step warned.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Pipeline;

/// <summary>A stored step warning.</summary>
/// <param name="Code">The diagnostic code.</param>
/// <param name="Message">The message.</param>
/// <param name="File">The recipe file it points at, or null.</param>
/// <param name="Line">The 1-based line (0 when unknown).</param>
/// <param name="Column">The 1-based column (0 when unknown).</param>
internal sealed record StepDiagnostic(string Code, string Message, string? File = null, int Line = 0, int Column = 0)
{
    /// <summary>Keeps <paramref name="d"/>.</summary>
    public static StepDiagnostic From(EdgeDiagnostic d) => new(d.Code, d.Message, d.Location?.File, d.Location?.Line ?? 0, d.Location?.Column ?? 0);

    /// <summary>Returns the warning to report again.</summary>
    public EdgeDiagnostic ToWarning() => new(Code, DiagnosticSeverity.Warning, Message, File is null ? null : new SourceLocation(File, Line, Column));
}
