// Maps engine diagnostics onto MSBuild's logging API, keeping code, file, line and column, so that
// errors appear in the IDE error list and CI logs at the recipe line that caused them.
using EdgeSdk.Diagnostics;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Logs <see cref="EdgeDiagnostic"/>s through a task's logging helper.</summary>
internal static class MSBuildDiagnostics
{
    /// <summary>Logs one diagnostic with its code and location.</summary>
    public static void Log(TaskLoggingHelper log, EdgeDiagnostic d)
    {
        var file = d.Location?.File;
        var line = d.Location?.Line ?? 0;
        var column = d.Location?.Column ?? 0;
        switch (d.Severity)
        {
            case DiagnosticSeverity.Error:
                log.LogError(null, d.Code, null, file, line, column, 0, 0, d.Message);
                break;
            case DiagnosticSeverity.Warning:
                log.LogWarning(null, d.Code, null, file, line, column, 0, 0, d.Message);
                break;
            default:
                log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, d.ToString());
                break;
        }
    }

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
            log.LogError(null, DiagnosticCatalog.Sdk.Cancelled.Code, null, null, 0, 0, 0, 0, "The build was cancelled; the last complete artifacts were kept.");
            return false;
        }
        catch (Exception ex) when (InternalErrors.IsUnexpected(ex))
        {
            LogInternalError(log, ex);
            return false;
        }
    }

    /// <summary>
    /// Runs a whole task body so that nothing but EDGE diagnostics leaves the task: an unexpected exception is
    /// logged as one <see cref="DiagnosticCatalog.Sdk.InternalError"/> (never MSBuild's MSB4018 with a stack trace).
    /// </summary>
    public static bool Guard(TaskLoggingHelper log, Func<bool> body) => Run(log, body) && !log.HasLoggedErrors;

    private static void LogInternalError(TaskLoggingHelper log, Exception ex)
    {
        Log(log, InternalErrors.Describe(ex));
        log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, "EdgeSdk internal error details: " + ex);
    }
}
