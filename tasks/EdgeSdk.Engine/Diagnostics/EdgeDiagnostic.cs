// A diagnostic the engine reports: a stable code, a severity, a message saying what is wrong and what to
// do, and where (file, line, column). MSBuild tasks and the CLI render these; the engine never prints.
namespace EdgeSdk.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Informational; never fails anything.</summary>
    Info,

    /// <summary>Something the user should look at; the build goes on.</summary>
    Warning,

    /// <summary>The build fails.</summary>
    Error,
}

/// <summary>A position in a source file (1-based line and column; 0 when unknown).</summary>
/// <param name="File">The file's path.</param>
/// <param name="Line">The 1-based line, or 0 when unknown.</param>
/// <param name="Column">The 1-based column, or 0 when unknown.</param>
public sealed record SourceLocation(string File, int Line = 0, int Column = 0)
{
    /// <summary>Renders the location in the canonical MSBuild form <c>file(line,col)</c>.</summary>
    public override string ToString() => Line > 0 ? $"{File}({Line},{Column})" : File;
}

/// <summary>One diagnostic with a stable <c>EDGEnnnn</c> code from the <see cref="DiagnosticCatalog"/>.</summary>
/// <remarks>The code is kept as text so that diagnostics read back from records and manifests stay diagnostics; engine code
/// creates them from a <see cref="DiagnosticDescriptor"/>.</remarks>
/// <param name="Code">The stable code, <c>EDGEnnnn</c>.</param>
/// <param name="Severity">How serious it is.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Location">Where, or null when no file is involved.</param>
public sealed record EdgeDiagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceLocation? Location = null)
{
    /// <summary>Creates a diagnostic with the code of <paramref name="descriptor"/> and an explicit severity.</summary>
    internal EdgeDiagnostic(DiagnosticDescriptor descriptor, DiagnosticSeverity severity, string message, SourceLocation? location = null)
        : this(descriptor.Code, severity, message, location)
    {
    }

    /// <summary>Creates an error.</summary>
    internal static EdgeDiagnostic Error(DiagnosticDescriptor descriptor, string message, SourceLocation? location = null) => new(descriptor, DiagnosticSeverity.Error, message, location);

    /// <summary>Creates a warning.</summary>
    internal static EdgeDiagnostic Warning(DiagnosticDescriptor descriptor, string message, SourceLocation? location = null) => new(descriptor, DiagnosticSeverity.Warning, message, location);

    /// <summary>Renders the diagnostic in the canonical form <c>file(line,col): error EDGE0001: message</c>.</summary>
    public override string ToString()
    {
        var severity = Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "info" };
        return Location is null ? $"{severity} {Code}: {Message}" : $"{Location}: {severity} {Code}: {Message}";
    }
}
