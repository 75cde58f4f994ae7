// A diagnostic as MSBuild logged it (severity, code, location, text), kept in the up-to-date record so that a
// no-op build shows the same warnings again without loading the engine that produced them.
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks.UpToDate;

/// <summary>One logged diagnostic.</summary>
/// <param name="Severity"><c>error</c>, <c>warning</c> or <c>message</c>.</param>
/// <param name="Code">The EDGE code, or null.</param>
/// <param name="File">The file it is located in, or null.</param>
/// <param name="Line">1-based line, 0 for none.</param>
/// <param name="Column">1-based column, 0 for none.</param>
/// <param name="Message">The text.</param>
internal sealed record LoggedDiagnostic(string Severity, string? Code, string? File, int Line, int Column, string Message)
{
    /// <summary>Logs it through <paramref name="log"/>, as <see cref="MSBuildDiagnostics"/> logs an engine diagnostic.</summary>
    public void Log(TaskLoggingHelper log)
    {
        switch (Severity)
        {
            case "error":
                log.LogError(null, Code, null, File, Line, Column, 0, 0, Message);
                break;
            case "warning":
                log.LogWarning(null, Code, null, File, Line, Column, 0, 0, Message);
                break;
            default:
                log.LogMessage(MessageImportance.High, Message);
                break;
        }
    }
}
