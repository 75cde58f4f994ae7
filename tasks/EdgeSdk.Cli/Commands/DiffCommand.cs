// `edgesdk diff BASE HEAD [--fail-on accuracy=0.5pt,latency_p90=10%,size=5%] [--out FILE]`: compares two
// manifests (or output folders) and prints a Markdown table of changes for a pull-request comment.
// Exit codes: 0 no regression beyond the thresholds, 1 a regression, 2 unreadable input or bad thresholds.
using EdgeSdk.IO;
using System.CommandLine;
using EdgeSdk.Diagnostics;
using EdgeSdk.Reports;

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
        var thresholds = failOn is null ? [] : RegressionThreshold.ParseList(failOn);
        var diffs = ManifestDiff.Compare(ManifestSource.Load(basePath), ManifestSource.Load(headPath), thresholds);
        var markdown = ManifestDiff.ToMarkdown(diffs, thresholds);
        Console.Out.Write(markdown);
        if (output is not null)
        {
            EdgeSdk.IO.AtomicFile.WriteAllText(Path.GetFullPath(output), markdown);
        }

        var regressions = diffs.SelectMany(d => d.Regressions).ToList();
        foreach (var r in regressions)
        {
            Console.Error.WriteLine($"error {DiagnosticCatalog.Evaluation.RegressionBeyondThreshold}: {r.Measure.Label} regressed beyond --fail-on {r.Exceeded!.Text}: {r.Measure.Format(r.Base)} -> {r.Measure.Format(r.Head)} ({r.Change.Text}).");
        }

        return regressions.Count > 0 ? 1 : 0;
    }
}
