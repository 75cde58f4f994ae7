// `edgesdk schema [--out FILE] [--readme README]`: prints (or writes) the recipe JSON Schema generated from
// the recipe loader and the passes' option declarations; recipes/recipe.schema.json is this command's
// output. With --readme it also rewrites the generated pass-options section of recipes/README.md.
using EdgeSdk.IO;
using System.CommandLine;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;

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
            var schema = RecipeSchemaGenerator.Generate(PassCatalog.All, TargetCatalog.Load(SdkLayout.TargetsDirectory).Names);
            if (parse.GetValue(readme) is { } readmePath)
            {
                var full = Path.GetFullPath(readmePath);
                var text = PassOptionsMarkdown.Replace(File.ReadAllText(full), PassOptionsMarkdown.Generate(PassCatalog.All));
                EdgeSdk.IO.AtomicFile.WriteAllBytes(full, System.Text.Encoding.UTF8.GetBytes(text));
            }

            if (parse.GetValue(output) is { } path)
            {
                EdgeSdk.IO.AtomicFile.WriteAllBytes(Path.GetFullPath(path), System.Text.Encoding.UTF8.GetBytes(schema));
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
