// Each `edgesdk` sub-command is one class implementing this interface; Program discovers them, so adding
// a command never touches a shared list.
using System.CommandLine;

namespace EdgeSdk.Cli.Commands;

/// <summary>A sub-command of the <c>edgesdk</c> tool.</summary>
internal interface ICliCommand
{
    /// <summary>Builds the System.CommandLine command, with its action bound.</summary>
    Command Build();
}
