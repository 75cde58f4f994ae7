// The last line of defence at the adapter boundary (every MSBuild task, every CLI command): an exception
// that is not an EdgeException is a bug in EdgeSdk, never something to show the user as a stack trace.
// It becomes one EDGE0099 diagnostic with the exception's message; the stack trace goes only where the
// adapter keeps low-importance detail (MSBuild's detailed log, EDGESDK_TRACE=1 for the CLI).
namespace EdgeSdk.Diagnostics;

/// <summary>Turns unexpected exceptions into the internal-error diagnostic.</summary>
internal static class InternalErrors
{
    /// <summary>Returns whether <paramref name="ex"/> is the kind the adapters turn into <see cref="DiagnosticCatalog.Sdk.InternalError"/> (not a user-facing or cancellation exception).</summary>
    public static bool IsUnexpected(Exception ex) => ex is not EdgeException and not OperationCanceledException;

    /// <summary>Builds the EDGE0099 diagnostic for an unexpected exception (unwrapping aggregate and invocation wrappers).</summary>
    public static EdgeDiagnostic Describe(Exception ex)
    {
        var inner = Unwrap(ex);
        var site = inner.TargetSite is { } method ? $" in {method.DeclaringType?.Name}.{method.Name}" : string.Empty;
        return EdgeDiagnostic.Error(
            DiagnosticCatalog.Sdk.InternalError,
            $"EdgeSdk failed unexpectedly ({inner.GetType().Name}{site}: {inner.Message}). This is a bug in EdgeSdk, not in your project; please report it with the model and recipe that caused it.");
    }

    /// <summary>Returns the innermost meaningful exception of wrappers such as <see cref="AggregateException"/>.</summary>
    public static Exception Unwrap(Exception ex)
    {
        while (ex is AggregateException { InnerExceptions.Count: 1 } or System.Reflection.TargetInvocationException && ex.InnerException is not null)
        {
            ex = ex.InnerException!;
        }

        return ex;
    }
}
