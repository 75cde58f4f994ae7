// `edgesdk providers [--json]`: which ONNX Runtime the tool loads (version, package, native path) and which
// execution providers that build offers. Useful to check an installation before running a recipe; a
// missing library reports EDGE3001 with every probed path.
using System.CommandLine;
using System.Text.Json;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>providers</c> command.</summary>
internal sealed class ProvidersCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("providers", "Show the loaded ONNX Runtime (version, package, native library) and its execution providers.") { json };
        command.SetAction(parse => CliOutput.Run(() => Execute(parse.GetValue(json))));
        return command;
    }

    private static int Execute(bool asJson)
    {
        var runtime = EdgeEngine.DescribeRuntime();
        var providers = runtime.Providers;
        var path = runtime.LibraryPath ?? "(resolved by the .NET host from the app's deps.json)";
        if (asJson)
        {
            var document = new { version = runtime.Version, package = $"Microsoft.ML.OnnxRuntime {runtime.PackageVersion}", rid = runtime.Rid, path, providers };
            Console.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        Console.WriteLine($"ONNX Runtime {runtime.Version}");
        Console.WriteLine($"  package: Microsoft.ML.OnnxRuntime {runtime.PackageVersion} ({runtime.Rid})");
        Console.WriteLine($"  library: {path}");
        Console.WriteLine("  execution providers (EdgeSdk appends those a target profile names; CPUExecutionProvider is always the fallback):");
        foreach (var provider in providers)
        {
            Console.WriteLine($"    {provider}");
        }

        return 0;
    }
}
