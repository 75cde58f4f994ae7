// `edgesdk targets [NAME]`: lists the device profiles, or shows one with every figure and its source.
// An unknown name is an error with a did-you-mean (exit code 2).
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>targets</c> command.</summary>
internal sealed class TargetsCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var name = new Argument<string?>("name") { Description = "A profile to show in full.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("targets", "List device profiles, or show one.") { name };
        command.SetAction(parse => CliOutput.Run(() => Execute(parse.GetValue(name))));
        return command;
    }

    private static int Execute(string? name)
    {
        var catalog = EdgeEngine.ListTargets(SdkLayout.TargetsDirectory);
        CliOutput.Write(catalog.Diagnostics);
        if (name is null)
        {
            var width = catalog.Targets.Max(t => t.Name.Length);
            foreach (var profile in catalog.Targets)
            {
                Console.WriteLine($"{profile.Name.PadRight(width)}  {profile.Description}");
            }

            return catalog.Diagnostics.Count == 0 ? 0 : 1;
        }

        foreach (var line in EdgeEngine.DescribeTarget(SdkLayout.TargetsDirectory, name))
        {
            Console.WriteLine(line);
        }

        return 0;
    }
}
