// Shared rendering of engine diagnostics and failures for every command, so each command reports errors
// the same way and with the same exit codes (0 ok, 1 failed check/gate, 2 usage or input error, 3 internal
// error: an unexpected exception, reported as one EDGE0099 line, with the stack trace only when
// EDGESDK_TRACE=1).
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Cli.Commands;

/// <summary>Writes diagnostics in canonical form and maps failures to exit codes.</summary>
internal static class CliOutput
{
    /// <summary>The exit code of an internal error (a bug in EdgeSdk).</summary>
    public const int InternalErrorExitCode = 3;

    /// <summary>Writes each diagnostic to standard error.</summary>
    public static void Write(IEnumerable<EdgeDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Console.Error.WriteLine(d.ToString());
        }
    }

    /// <summary>Runs <paramref name="body"/>, turning an <see cref="EdgeException"/> into its diagnostics and exit code 2.</summary>
    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (EdgeException ex)
        {
            Write(ex.Diagnostics);
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine(EdgeEngine.Cancelled("Cancelled; the last complete outputs were kept.").ToString());
            return 2;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine(EdgeEngine.DescribeUnexpected(ex)?.ToString());
            if (Environment.GetEnvironmentVariable("EDGESDK_TRACE") == "1")
            {
                Console.Error.WriteLine(ex.ToString());
            }

            return InternalErrorExitCode;
        }
    }
}
