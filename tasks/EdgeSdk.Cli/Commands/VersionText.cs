// `edgesdk --version`: names the tool, the engine and the ONNX Runtime it runs on (version and the library
// it loaded), so a bug report says which engine and runtime produced a result. A runtime that cannot be
// loaded is reported on the same line, never as a stack trace.
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;
using EdgeSdk.Api;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Cli.Commands;

/// <summary>Builds the text printed by <c>--version</c>.</summary>
internal static class VersionText
{
    /// <summary>Replaces the root command's stock <c>--version</c> action with <see cref="Lines"/>.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new PrintAction();
        }
    }

    /// <summary>Returns the lines: tool version, engine version, ONNX Runtime version and location.</summary>
    public static IReadOnlyList<string> Lines()
    {
        var tool = InformationalVersion(typeof(VersionText).Assembly);
        var engine = InformationalVersion(typeof(EdgeException).Assembly);
        string runtime;
        try
        {
            var ort = EdgeEngine.DescribeRuntime();
            runtime = $"ONNX Runtime {ort.Version} (Microsoft.ML.OnnxRuntime {ort.PackageVersion}, {ort.Rid}: {ort.LibraryPath ?? "resolved by the .NET host"})";
        }
        catch (EdgeException ex)
        {
            runtime = "ONNX Runtime: not loadable: " + string.Join(" ", ex.Diagnostics.Select(d => d.Message));
        }

        return [$"edgesdk {tool}", $"engine {engine}", runtime];
    }

    /// <summary>Gets an assembly's informational version without the source-revision suffix.</summary>
    private static string InformationalVersion(Assembly assembly)
    {
        var v = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "?";
        var plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? v : v[..plus];
    }

    private sealed class PrintAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            foreach (var line in Lines())
            {
                parseResult.InvocationConfiguration.Output.WriteLine(line);
            }

            return 0;
        }
    }
}
