// `edgesdk diagnostics [--out FILE]` (hidden): prints or writes docs/diagnostics.md, generated from the
// diagnostics catalogue. Used by maintainers after adding a code; a test fails when the file is stale.
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The hidden <c>diagnostics</c> command.</summary>
internal sealed class DiagnosticsCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var output = new Option<string?>("--out") { Description = "Write the page to this file instead of standard output." };
        var command = new Command("diagnostics", "Print docs/diagnostics.md, generated from the diagnostics catalogue.") { output };
        command.Hidden = true;
        command.SetAction(parse => CliOutput.Run(() =>
        {
            var page = EdgeEngine.DiagnosticsPage();
            if (parse.GetValue(output) is { } path)
            {
                EdgeEngine.WriteFile(Path.GetFullPath(path), page);
            }
            else
            {
                Console.Out.Write(page);
            }

            return 0;
        }));
        return command;
    }
}
