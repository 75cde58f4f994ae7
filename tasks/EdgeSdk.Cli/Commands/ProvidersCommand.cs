// `edgesdk providers [--json]`: which ONNX Runtime the tool loads (version, path, build) and which
// execution providers that build offers. Useful to check an installation before running a recipe; a
// missing library reports EDGE3001 with every probed path.
using System.CommandLine;
using System.Text.Json;
using EdgeSdk.Runtime;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>providers</c> command.</summary>
internal sealed class ProvidersCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("providers", "Show the loaded ONNX Runtime (version, path, build) and its execution providers.") { json };
        command.SetAction(parse => CliOutput.Run(() => Execute(parse.GetValue(json))));
        return command;
    }

    private static int Execute(bool asJson)
    {
        var library = OrtLibrary.Instance;
        var providers = OrtProviders.Available();
        if (asJson)
        {
            var document = new { version = library.Version, path = library.Path, build = OrtProviders.BuildInfo(), providers };
            Console.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        Console.WriteLine($"ONNX Runtime {library.Version}");
        Console.WriteLine($"  library: {library.Path}");
        Console.WriteLine($"  build:   {OrtProviders.BuildInfo()}");
        Console.WriteLine("  execution providers (EdgeSdk runs models on CPUExecutionProvider):");
        foreach (var provider in providers)
        {
            Console.WriteLine($"    {provider}");
        }

        return 0;
    }
}
