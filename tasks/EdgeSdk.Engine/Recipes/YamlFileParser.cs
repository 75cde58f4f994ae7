// Parses one YAML file into a representation-model tree whose nodes carry 1-based start marks, turning
// syntax errors (including duplicate keys) into located EDGE1001/EDGE1015 diagnostics. Every file is
// bounded first (YamlLimits: size, nesting, alias expansion, scalar length) so no input can hang the build
// or overflow the stack.
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;
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
            text = BoundedFile.ReadAllText(path, YamlLimits.MaxFileBytes, "YAML file", from?.Location);
        }
        catch (EdgeException ex) when (ex.Diagnostics[0].Code == DiagnosticCatalog.Sdk.NotARegularFile.Code)
        {
            context.Error(DiagnosticCatalog.Recipes.YamlSyntax, "The file is empty (or is a device, FIFO or socket, which EdgeSdk does not read).", new SourceLocation(path, 1, 1));
            return null;
        }
        catch (EdgeException ex)
        {
            var d = ex.Diagnostics[0];
            context.ErrorFrom(d.Code == DiagnosticCatalog.Sdk.FileNotFound.Code
                ? DiagnosticCatalog.Recipes.RecipeNotFound.Create(d.Message, d.Location ?? new SourceLocation(path))
                : d with { Location = d.Location ?? new SourceLocation(path) });
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var message = File.Exists(path) ? $"Cannot read '{path}': {ex.Message}" : $"The file '{path}' does not exist.";
            context.Error(DiagnosticCatalog.Recipes.RecipeNotFound, message, from?.Location ?? new SourceLocation(path));
            return null;
        }

        return ParseText(context, text, path);
    }

    /// <summary>Parses YAML text that came from <paramref name="path"/>.</summary>
    public static YamlNode? ParseText(YamlReadContext context, string text, string path)
    {
        if (text.Length > YamlLimits.MaxFileBytes)
        {
            context.Error(DiagnosticCatalog.Sdk.FileTooLarge, $"The YAML text has {text.Length:N0} characters, more than the {YamlLimits.MaxFileBytes:N0} a recipe may have.", new SourceLocation(path, 1, 1));
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new YamlEventReplay(YamlEventScan.Scan(text, path)));
        }
        catch (EdgeException ex)
        {
            foreach (var d in ex.Diagnostics)
            {
                context.ErrorFrom(d with { Location = d.Location ?? new SourceLocation(path, 1, 1) });
            }

            return null;
        }
        catch (YamlException ex)
        {
            var duplicate = ex.Message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || ex.InnerException is ArgumentException;
            var code = duplicate ? DiagnosticCatalog.Recipes.Duplicate : DiagnosticCatalog.Recipes.YamlSyntax;
            var message = (ex.InnerException ?? ex).Message;
            var reason = duplicate ? "A key appears twice in the same mapping; remove one of them." : $"Not valid YAML: {message}";
            var at = new SourceLocation(path, Math.Max(1, (int)ex.Start.Line), Math.Max(1, (int)ex.Start.Column));
            if (!duplicate && message.Contains("tab", StringComparison.OrdinalIgnoreCase) && TabAtOrAfter(text, (int)ex.Start.Index, path) is { } tab)
            {
                at = tab;
                reason = "Not valid YAML: a tab character is used for indentation here; YAML indents with spaces only. Replace the tab by spaces.";
            }

            context.Error(code, reason, at);
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            context.Error(DiagnosticCatalog.Recipes.YamlSyntax, "The file is empty.", new SourceLocation(path, 1, 1));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            context.Error(DiagnosticCatalog.Recipes.YamlSyntax, "The file holds more than one YAML document; keep one.", new SourceLocation(path, (int)second.Start.Line, (int)second.Start.Column));
        }

        var root = stream.Documents[0].RootNode;
        context.Register(root, path);
        return root;
    }

    /// <summary>Locates the first tab at or after <paramref name="index"/> (YamlDotNet reports tab errors at the start of the enclosing token).</summary>
    private static SourceLocation? TabAtOrAfter(string text, int index, string path)
    {
        var tab = text.IndexOf('\t', Math.Clamp(index, 0, text.Length));
        if (tab < 0)
        {
            return null;
        }

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < tab; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new SourceLocation(path, line, tab - lineStart + 1);
    }
}

/// <summary>Where a reference to a file was written (for "file not found" errors located at the reference).</summary>
/// <param name="Location">The referencing location.</param>
internal sealed record SourceLocationHint(Diagnostics.SourceLocation Location);
