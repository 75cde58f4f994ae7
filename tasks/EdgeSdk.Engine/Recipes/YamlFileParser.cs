// Parses one YAML file into a representation-model tree whose nodes carry 1-based start marks, turning
// syntax errors (including duplicate keys) into located EDGE1001/EDGE1015 diagnostics.
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads YAML files for recipes and target profiles.</summary>
internal static class YamlFileParser
{
    /// <summary>Parses <paramref name="path"/> and registers its nodes with the context; null (after reporting) on failure.</summary>
    public static YamlNode? Parse(YamlReadContext context, string path, SourceLocationHint? from = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = File.Exists(path) ? $"Cannot read '{path}': {ex.Message}" : $"The file '{path}' does not exist.";
            context.Error(DiagnosticCatalog.Recipes.RecipeNotFound, message, from?.Location ?? new Diagnostics.SourceLocation(path));
            return null;
        }

        return ParseText(context, text, path);
    }

    /// <summary>Parses YAML text that came from <paramref name="path"/>.</summary>
    public static YamlNode? ParseText(YamlReadContext context, string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var duplicate = ex.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || ex.InnerException is ArgumentException;
            var code = duplicate ? DiagnosticCatalog.Recipes.Duplicate : DiagnosticCatalog.Recipes.YamlSyntax;
            var reason = duplicate ? "A key appears twice in the same mapping; remove one of them." : $"Not valid YAML: {(ex.InnerException ?? ex).Message}";
            context.Error(code, reason, new Diagnostics.SourceLocation(path, (int)ex.Start.Line, (int)ex.Start.Column));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            context.Error(DiagnosticCatalog.Recipes.YamlSyntax, "The file is empty.", new Diagnostics.SourceLocation(path, 1, 1));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            context.Error(DiagnosticCatalog.Recipes.YamlSyntax, "The file holds more than one YAML document; keep one.", new Diagnostics.SourceLocation(path, (int)second.Start.Line, (int)second.Start.Column));
        }

        var root = stream.Documents[0].RootNode;
        context.Register(root, path);
        return root;
    }
}

/// <summary>Where a reference to a file was written (for "file not found" errors located at the reference).</summary>
/// <param name="Location">The referencing location.</param>
internal sealed record SourceLocationHint(Diagnostics.SourceLocation Location);
