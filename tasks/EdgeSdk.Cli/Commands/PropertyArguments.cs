// Parses repeated `--property Name=Value` arguments into the property map for ${Name} substitution.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Cli.Commands;

/// <summary>Parser for <c>--property Name=Value</c>.</summary>
internal static class PropertyArguments
{
    /// <summary>Returns the properties (case-insensitive names); throws EDGE0020 on an argument without '='.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> arguments)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var argument in arguments)
        {
            var parts = argument.Split('=', 2);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                throw new EdgeException(DiagnosticCatalog.Sdk.MalformedProperty, $"'--property {argument}' must be written Name=Value.");
            }

            result[parts[0]] = parts[1];
        }

        return result;
    }
}
