// `edgesdk diagnostics [--out FILE]` (hidden): prints or writes docs/diagnostics.md, generated from the
// diagnostics catalogue. Used by maintainers after adding a code; a test fails when the file is stale.
using EdgeSdk.IO;
using System.CommandLine;
using EdgeSdk.Diagnostics;

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
            var page = DiagnosticsDocument.Render();
            if (parse.GetValue(output) is { } path)
            {
                EdgeSdk.IO.AtomicFile.WriteAllBytes(Path.GetFullPath(path), System.Text.Encoding.UTF8.GetBytes(page));
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
