// `edgesdk schema [--out FILE] [--readme README]`: prints (or writes) the recipe JSON Schema generated from
// the recipe loader and the passes' option declarations; recipes/recipe.schema.json is this command's
// output. With --readme it also rewrites the generated pass-options section of recipes/README.md.
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>schema</c> command.</summary>
internal sealed class SchemaCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var output = new Option<string?>("--out") { Description = "Write the schema to this file instead of standard output." };
        var readme = new Option<string?>("--readme") { Description = "Also rewrite the generated pass-options section of this README (recipes/README.md)." };
        var command = new Command("schema", "Print the JSON Schema of recipes (for editors and CI).") { output, readme };
        command.SetAction(parse => CliOutput.Run(() =>
        {
            var schema = EdgeEngine.RecipeSchema(SdkLayout.TargetsDirectory);
            if (parse.GetValue(readme) is { } readmePath)
            {
                var full = Path.GetFullPath(readmePath);
                EdgeEngine.WriteFile(full, EdgeEngine.WithPassOptionsSection(File.ReadAllText(full)));
            }

            if (parse.GetValue(output) is { } path)
            {
                EdgeEngine.WriteFile(Path.GetFullPath(path), schema);
            }
            else
            {
                Console.Out.Write(schema);
            }

            return 0;
        }));
        return command;
    }
}
