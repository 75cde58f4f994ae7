// `edgesdk validate RECIPE… [--base] [--property Name=Value]`: checks recipes without running anything and
// prints every diagnostic of every recipe in canonical form. Exit code 0 when all are valid, 1 otherwise.
using System.CommandLine;
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>validate</c> command.</summary>
internal sealed class ValidateCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var recipes = new Argument<string[]>("recipes") { Description = "Recipe files (YAML).", Arity = ArgumentArity.OneOrMore };
        var baseRecipe = new Option<bool>("--base") { Description = "The recipes are bases meant to be extended (stock recipes): skip the checks only a complete recipe must pass." };
        var properties = new Option<string[]>("--property", "-p") { Description = "Build property for ${Name} substitution, as Name=Value.", AllowMultipleArgumentsPerToken = true };
        var command = new Command("validate", "Check recipes and report every mistake with file, line and column.") { recipes, baseRecipe, properties };
        command.SetAction(parse => CliOutput.Run(() => Execute(parse.GetValue(recipes) ?? [], parse.GetValue(baseRecipe), parse.GetValue(properties) ?? [])));
        return command;
    }

    private static int Execute(string[] recipes, bool isBase, string[] properties)
    {
        var parsed = PropertyArguments.Parse(properties);
        var failed = 0;
        foreach (var path in recipes)
        {
            var result = EdgeEngine.Validate(new ValidationRequest
            {
                RecipePath = path,
                TargetsDirectory = SdkLayout.TargetsDirectory,
                StockRecipesDirectory = SdkLayout.StockRecipesDirectory,
                Properties = parsed,
                IsBase = isBase,
            });
            CliOutput.Write(result.Diagnostics);
            var errors = result.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            if (result.Valid)
            {
                Console.WriteLine($"{path}: valid ({result.PassCount} pass(es), {result.BudgetCount} budget(s), target {result.TargetName})");
            }
            else
            {
                failed++;
                Console.WriteLine($"{path}: {errors} error(s)");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
