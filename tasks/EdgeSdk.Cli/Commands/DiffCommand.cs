// `edgesdk diff BASE HEAD [--fail-on accuracy=0.5pt,latency_p90=10%,size=5%] [--out FILE]`: compares two
// manifests (or output folders) and prints a Markdown table of changes for a pull-request comment.
// Exit codes: 0 no regression beyond the thresholds, 1 a regression, 2 unreadable input or bad thresholds.
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>diff</c> command.</summary>
internal sealed class DiffCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var baseline = new Argument<string>("base") { Description = "Base run: a manifest.json, an output folder (edge/<model>) or a folder of them (edge/)." };
        var head = new Argument<string>("head") { Description = "Head run, in the same form." };
        var failOn = new Option<string?>("--fail-on") { Description = "Regression thresholds, e.g. accuracy=0.5pt,latency_p90=10%,size=5%; exit 1 when a change is worse by more." };
        var output = new Option<string?>("--out") { Description = "Also write the Markdown to this file (for posting as a PR comment)." };
        var command = new Command("diff", "Compare two EdgeSdk runs and print the changes as Markdown.") { baseline, head, failOn, output };
        command.SetAction(parse => CliOutput.Run(() => Execute(parse.GetValue(baseline)!, parse.GetValue(head)!, parse.GetValue(failOn), parse.GetValue(output))));
        return command;
    }

    private static int Execute(string basePath, string headPath, string? failOn, string? output)
    {
        var comparison = EdgeEngine.CompareRuns(basePath, headPath, failOn);
        var markdown = comparison.Markdown;
        Console.Out.Write(markdown);
        if (output is not null)
        {
            EdgeEngine.WriteFile(Path.GetFullPath(output), markdown);
        }

        CliOutput.Write(comparison.Regressions);
        return comparison.Regressions.Count > 0 ? 1 : 0;
    }
}
