// Entry point of the `edgesdk` tool: builds the root command from every ICliCommand in this assembly
// and maps engine diagnostics to canonical `file(line,col): error EDGEnnnn: message` lines.
using System.CommandLine;
using EdgeSdk.Cli.Commands;

var root = new RootCommand("EdgeSdk: shrink and speed up ONNX models for edge devices, driven by a recipe.");
foreach (var type in typeof(ICliCommand).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(ICliCommand).IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal))
{
    root.Subcommands.Add(((ICliCommand)Activator.CreateInstance(type)!).Build());
}

VersionText.Install(root);
return await root.Parse(args).InvokeAsync();
