// Reads repeated `--property Name=Value` (`-p`) arguments of `run` and `validate` with the engine's one
// property parser (EdgeEngine.ParseProperties), the same one MSBuild's EdgeRecipeProperties goes through.
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>Parser for <c>--property Name=Value</c>.</summary>
internal static class PropertyArguments
{
    /// <summary>Returns the properties (case-insensitive names); throws EDGE0020 on an argument without a name and '=', EDGE0021 on a name given twice.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> arguments) => EdgeEngine.ParseProperties(arguments, "--property");
}
