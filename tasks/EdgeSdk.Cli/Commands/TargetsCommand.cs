// `edgesdk targets [NAME]`: lists the device profiles, or shows one with every figure and its source.
// An unknown name is an error with a did-you-mean (exit code 2).
using EdgeSdk.Targets;
using System.CommandLine;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

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
        var catalog = TargetCatalog.Load(SdkLayout.TargetsDirectory);
        CliOutput.Write(catalog.Diagnostics);
        if (name is null)
        {
            var width = catalog.Names.Append(TargetProfile.Host.Name).Max(n => n.Length);
            foreach (var profile in catalog.Profiles.Append(TargetProfile.Host))
            {
                Console.WriteLine($"{profile.Name.PadRight(width)}  {profile.Description}");
            }

            return catalog.Diagnostics.Count == 0 ? 0 : 1;
        }

        var target = string.Equals(name, TargetProfile.Host.Name, StringComparison.OrdinalIgnoreCase) ? TargetProfile.Host : catalog.Find(name);
        if (target is null)
        {
            var names = catalog.Names.Append(TargetProfile.Host.Name).ToList();
            throw new EdgeException(DiagnosticCatalog.Recipes.UnknownTarget, $"Unknown target '{name}'.{DidYouMean.Hint(name, names)} Known targets: {string.Join(", ", names)}.");
        }

        foreach (var line in TargetProfileFormatter.Lines(target))
        {
            Console.WriteLine(line);
        }

        return 0;
    }
}
