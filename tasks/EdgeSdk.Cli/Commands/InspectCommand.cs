// `edgesdk inspect MODEL [--json] [--shapes]`: prints a model's inputs and outputs (names, element types,
// symbolic shapes), operator counts, parameter count and file size; --shapes adds every value's inferred
// type, --json prints the same as JSON with a stable key order. An ORT-format file (model.ort) is named as
// such, with the inputs and outputs ONNX Runtime reads from it.
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>inspect</c> command.</summary>
internal sealed class InspectCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var model = new Argument<string>("model") { Description = "Path of the .onnx (or ORT-format .ort) model to inspect." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var shapes = new Option<bool>("--shapes") { Description = "Also print the inferred type and shape of every value." };
        var command = new Command("inspect", "Show a model's inputs, outputs, operators, parameters and size.") { model, json, shapes };
        command.SetAction(parse => CliOutput.Run(() =>
        {
            Console.Out.Write(EdgeEngine.Inspect(parse.GetValue(model)!, parse.GetValue(shapes), parse.GetValue(json)));
            return 0;
        }));
        return command;
    }
}
