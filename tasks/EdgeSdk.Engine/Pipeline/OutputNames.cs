// Each EdgeModel item owns two folders named after it: obj/…/edge/<name>/ (its steps) and bin/…/edge/<name>/
// (its published set). Two items with one name (a/model.onnx and b/model.onnx, or one model listed twice with
// two recipes) used to share both and silently publish one model under the other's manifest. This checks the
// names of all items of a project before any is planned, and refuses a clash or a name that is not a plain
// folder name with a located error asking for OutputName.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Pipeline;

/// <summary>One model to be planned, as the output-name check needs it.</summary>
/// <param name="Item">The item as the user wrote it (<c>models/a/model.onnx</c>).</param>
/// <param name="ModelPath">The model's full path.</param>
/// <param name="OutputName">The item's <c>OutputName</c> metadata, or null.</param>
internal sealed record OutputNameEntry(string Item, string ModelPath, string? OutputName);

/// <summary>Resolves and checks the output folder names of a project's models.</summary>
internal static class OutputNames
{
    /// <summary>Gets the folder name of a model: its <c>OutputName</c>, else the model file name without extension.</summary>
    public static string Resolve(string modelPath, string? outputName) =>
        string.IsNullOrWhiteSpace(outputName) ? Path.GetFileNameWithoutExtension(modelPath) : outputName.Trim();

    /// <summary>
    /// Finds the entries that must not be planned: every entry of a group whose names compare equal (ignoring case, so a
    /// project behaves alike on every file system) and every entry whose name is not a plain folder name. Returns the
    /// entry's index with its error.
    /// </summary>
    /// <param name="entries">The project's models, in item order.</param>
    /// <param name="projectFile">The project file, for locations (the item's line when the file spells it), or null.</param>
    public static IReadOnlyList<(int Index, EdgeDiagnostic Error)> Check(IReadOnlyList<OutputNameEntry> entries, string? projectFile)
    {
        var problems = new List<(int, EdgeDiagnostic)>();
        var text = projectFile is not null && File.Exists(projectFile) ? SafeRead(projectFile) : null;
        var names = entries.Select(e => Resolve(e.ModelPath, e.OutputName)).ToList();
        for (var i = 0; i < entries.Count; i++)
        {
            if (InvalidReason(names[i]) is { } reason)
            {
                problems.Add((i, DiagnosticCatalog.Sdk.InvalidOutputName.Create(
                    $"EdgeModel '{entries[i].Item}' has OutputName '{names[i]}', which {reason}. Give a plain folder name, e.g. OutputName=\"{Suggest(entries[i])}\".",
                    Locate(projectFile, text, entries, i))));
            }
        }

        foreach (var group in Enumerable.Range(0, entries.Count).GroupBy(i => names[i], StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var members = group.ToList();
            foreach (var i in members)
            {
                var others = string.Join(", ", members.Where(j => j != i).Select(j => $"'{entries[j].Item}'"));
                var same = members.All(j => string.Equals(entries[j].ModelPath, entries[i].ModelPath, StringComparison.Ordinal));
                var why = same ? "lists the same model as" : "has the same output name as";
                problems.Add((i, DiagnosticCatalog.Sdk.OutputNameClash.Create(
                    $"EdgeModel '{entries[i].Item}' {why} {others}: both would use the folders edge/{names[i]}/ in obj/ and bin/, so one model would be published under the other's manifest. "
                    + $"Give each item its own OutputName metadata, e.g. <EdgeModel Include=\"{entries[i].Item}\" OutputName=\"{Suggest(entries[i])}\" … />. None of these items was built.",
                    Locate(projectFile, text, entries, i))));
            }
        }

        return problems;
    }

    private static string? InvalidReason(string name)
    {
        if (name.Length == 0)
        {
            return "is empty";
        }

        if (name is "." or "..")
        {
            return "names a parent or the same folder";
        }

        if (name.IndexOfAny(['/', '\\', ':']) >= 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return "is a path or holds a character a folder name cannot hold";
        }

        return name.StartsWith('.') ? "starts with '.', which the publisher keeps for its staging folders" : null;
    }

    /// <summary>A name from the item's parent folder and file name (<c>a/model.onnx</c> → <c>a-model</c>).</summary>
    private static string Suggest(OutputNameEntry e)
    {
        var parent = Path.GetFileName(Path.GetDirectoryName(e.ModelPath) ?? string.Empty);
        var stem = Path.GetFileNameWithoutExtension(e.ModelPath);
        var name = string.IsNullOrEmpty(parent) ? stem + "-2" : $"{parent}-{stem}";
        return new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')]);
    }

    /// <summary>Locates entry <paramref name="index"/> at its line in the project: the n-th spelling of its item for the n-th item so spelled.</summary>
    private static SourceLocation? Locate(string? projectFile, string? text, IReadOnlyList<OutputNameEntry> entries, int index)
    {
        if (projectFile is null)
        {
            return null;
        }

        if (text is not null)
        {
            var quoted = $"\"{entries[index].Item}\"";
            var earlier = entries.Take(index).Count(e => e.Item == entries[index].Item);
            var at = text.IndexOf(quoted, StringComparison.Ordinal);
            while (at >= 0 && earlier-- > 0)
            {
                at = text.IndexOf(quoted, at + 1, StringComparison.Ordinal);
            }

            if (at >= 0)
            {
                var line = 1 + text.AsSpan(0, at).Count('\n');
                var column = at - text.LastIndexOf('\n', Math.Max(0, at - 1));
                return new SourceLocation(projectFile, line, column);
            }
        }

        return new SourceLocation(projectFile);
    }

    private static string? SafeRead(string path)
    {
        try
        {
            return new FileInfo(path).Length < 4 << 20 ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
