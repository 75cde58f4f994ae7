// The one exception type the engine throws for user-facing failures: it carries the diagnostics so that
// adapters (MSBuild tasks, CLI) can report them with code and location instead of a stack trace.
namespace EdgeSdk.Diagnostics;

/// <summary>A failure the user can act on, carrying one or more located diagnostics.</summary>
internal sealed class EdgeException : Exception
{
    /// <summary>Creates the exception from one diagnostic.</summary>
    public EdgeException(EdgeDiagnostic diagnostic, Exception? inner = null)
        : base(diagnostic.ToString(), inner) => Diagnostics = [diagnostic];

    /// <summary>Creates the exception from several diagnostics (for example every error of a recipe).</summary>
    public EdgeException(IReadOnlyList<EdgeDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Creates an error with a code, message and optional location.</summary>
    public EdgeException(DiagnosticDescriptor descriptor, string message, SourceLocation? location = null, Exception? inner = null)
        : this(EdgeDiagnostic.Error(descriptor, message, location), inner)
    {
    }

    /// <summary>Gets the diagnostics this failure carries.</summary>
    public IReadOnlyList<EdgeDiagnostic> Diagnostics { get; }
}
