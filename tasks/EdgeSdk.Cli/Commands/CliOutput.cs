// Shared rendering of engine diagnostics and failures for every command, so each command reports errors
// the same way and with the same exit codes (0 ok, 1 failed check/gate, 2 usage or input error).
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Cli.Commands;

/// <summary>Writes diagnostics in canonical form and maps failures to exit codes.</summary>
internal static class CliOutput
{
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
    }
}
