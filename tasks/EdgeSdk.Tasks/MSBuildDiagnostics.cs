// Maps engine diagnostics onto MSBuild's logging API, keeping code, file, line and column, so that
// errors appear in the IDE error list and CI logs at the recipe line that caused them.
using EdgeSdk.Api;
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
