// `edgesdk check MODEL`: validates an ONNX model (dangling inputs, cycles, duplicate names, opset gaps,
// versions, external data) and exits 1 when it has errors, 0 when clean, 2 when the file cannot be read.
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>check</c> command.</summary>
internal sealed class CheckCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var model = new Argument<string>("model") { Description = "Path of the .onnx model to check." };
        var command = new Command("check", "Check an ONNX model for structural errors and opset gaps (exit 1 on errors).") { model };
        command.SetAction(parse => CliOutput.Run(() => EdgeEngine.CheckModel(parse.GetValue(model)!, Console.Out) ? 0 : 1));
        return command;
    }
}
