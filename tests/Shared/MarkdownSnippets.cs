// Finds the fenced code blocks of every Markdown file in the repository (README.md, docs/, recipes/,
// targets/, samples/ ...), with the file and line each starts at, so tests can check that every snippet a
// reader may copy still works. An HTML comment on the line before a fence annotates it
// (`<!-- snippet: ... -->`).
using System.Text.RegularExpressions;

namespace EdgeSdk.Tests;

/// <summary>One fenced code block of a Markdown file.</summary>
/// <param name="File">Repository-relative path of the Markdown file.</param>
/// <param name="Line">1-based line of the opening fence.</param>
/// <param name="Language">The fence's info string (e.g. <c>yaml</c>, <c>xml</c>).</param>
/// <param name="Annotation">The text of a <c>&lt;!-- snippet: X --&gt;</c> comment right above the fence, or empty.</param>
/// <param name="Text">The block's content.</param>
public sealed record MarkdownSnippet(string File, int Line, string Language, string Annotation, string Text)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>Reads the fenced code blocks of the repository's Markdown files.</summary>
public static partial class MarkdownSnippets
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "artifacts", ".git", ".tools", "node_modules", "TestResults"];

    /// <summary>Gets every fenced block whose language is one of <paramref name="languages"/>.</summary>
    public static IReadOnlyList<MarkdownSnippet> All(string repoRoot, params string[] languages)
    {
        var result = new List<MarkdownSnippet>();
        foreach (var file in Files(repoRoot))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var open = Fence().Match(lines[i]);
                if (!open.Success)
                {
                    continue;
                }

                var start = i;
                var body = new List<string>();
                for (i++; i < lines.Length && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal); i++)
                {
                    body.Add(lines[i]);
                }

                var language = open.Groups[1].Value.Trim().ToLowerInvariant();
                if (languages.Contains(language))
                {
                    var annotation = start > 0 && Annotation().Match(lines[start - 1]) is { Success: true } a ? a.Groups[1].Value.Trim() : string.Empty;
                    result.Add(new MarkdownSnippet(Path.GetRelativePath(repoRoot, file), start + 1, language, annotation, string.Join('\n', body) + "\n"));
                }
            }
        }

        return result;
    }

    private static IEnumerable<string> Files(string root)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*.md").Order(StringComparer.Ordinal))
        {
            yield return file;
        }

        foreach (var dir in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            if (!SkippedFolders.Contains(Path.GetFileName(dir)))
            {
                foreach (var file in Files(dir))
                {
                    yield return file;
                }
            }
        }
    }

    [GeneratedRegex(@"^\s*```\s*(\w*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$")]
    private static partial Regex Annotation();
}
