// Maps engine diagnostics onto MSBuild's logging API, keeping code, file, line and column, so that
// errors appear in the IDE error list and CI logs at the recipe line that caused them.
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tasks.UpToDate;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Logs <see cref="EdgeDiagnostic"/>s through a task's logging helper.</summary>
internal static class MSBuildDiagnostics
{
    /// <summary>Logs one diagnostic with its code and location.</summary>
    public static void Log(TaskLoggingHelper log, EdgeDiagnostic d) => Describe(d).Log(log);

    /// <summary>Describes a diagnostic as it is logged (kept by the up-to-date record, replayed on a no-op build).</summary>
    public static LoggedDiagnostic Describe(EdgeDiagnostic d) => new(
        d.Severity switch { DiagnosticSeverity.Error => "error", DiagnosticSeverity.Warning => "warning", _ => "message" },
        d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning ? d.Code : null,
        d.Location?.File,
        d.Location?.Line ?? 0,
        d.Location?.Column ?? 0,
        d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning ? d.Message : d.ToString());

    /// <summary>Runs <paramref name="body"/>, logging an <see cref="EdgeException"/>'s diagnostics instead of a stack trace.</summary>
    public static bool Run(TaskLoggingHelper log, Func<bool> body)
    {
        try
        {
            return body() && !log.HasLoggedErrors;
        }
        catch (EdgeException ex)
        {
            foreach (var d in ex.Diagnostics)
            {
                Log(log, d);
            }

            return false;
        }
        catch (OperationCanceledException)
        {
            Log(log, EdgeEngine.Cancelled());
            return false;
        }
        catch (Exception ex) when (EdgeEngine.DescribeUnexpected(ex) is { } internalError)
        {
            Log(log, internalError);
            log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "EdgeSdk internal error details: " + ex);
            return false;
        }
    }

    /// <summary>
    /// Runs a whole task body so that nothing but EDGE diagnostics leaves the task: an unexpected exception is
    /// logged as one EDGE0099 internal error (never MSBuild's MSB4018 with a stack trace).
    /// </summary>
    public static bool Guard(TaskLoggingHelper log, Func<bool> body) => Run(log, body) && !log.HasLoggedErrors;
}
