// Where a tensor's external data lives (TensorProto.external_data: location, offset, length, checksum)
// and the one place that decides whether a location is safe: it must be relative and stay inside the
// model's folder, also after following symbolic links. Nothing is read before that check passes.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx;

/// <summary>A parsed <c>external_data</c> entry of a tensor.</summary>
internal sealed record ExternalDataReference(string TensorName, string Location, long Offset, long? Length, string? Checksum)
{
    /// <summary>Returns whether a tensor stores its data externally.</summary>
    public static bool IsExternal(TensorProto tensor) => tensor.DataLocation == TensorProto.Types.DataLocation.External;

    /// <summary>Parses a tensor's <c>external_data</c> entries (EDGE4031 when malformed).</summary>
    public static ExternalDataReference Parse(TensorProto tensor, SourceLocation? where)
    {
        string? location = null, checksum = null;
        long offset = 0;
        long? length = null;
        foreach (var entry in tensor.ExternalData)
        {
            switch (entry.Key)
            {
                case "location":
                    location = entry.Value;
                    break;
                case "offset":
                    offset = ParseNumber(tensor.Name, entry, where);
                    break;
                case "length":
                    length = ParseNumber(tensor.Name, entry, where);
                    break;
                case "checksum":
                    checksum = entry.Value;
                    break;
            }
        }

        if (string.IsNullOrEmpty(location))
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' stores its data externally but has no 'location' entry. Re-save the model with its external data.", where);
        }

        return new ExternalDataReference(tensor.Name, location, offset, length, checksum);
    }

    /// <summary>Returns why <paramref name="location"/> is unsafe on its face (absolute, or a ".." component), or null.</summary>
    public static string? LexicalProblem(string location)
    {
        if (Path.IsPathRooted(location) || location.StartsWith('/') || location.StartsWith('\\') || (location.Length >= 2 && location[1] == ':'))
        {
            return "is an absolute path";
        }

        return location.Split('/', '\\').Any(part => part == "..") ? "leaves the model's folder ('..')" : null;
    }

    /// <summary>
    /// Resolves the data file under <paramref name="modelDirectory"/>, refusing (EDGE4030) an absolute location,
    /// a ".." component, or a symbolic link that leads outside the folder. Does not read the file.
    /// </summary>
    public string ResolveUnder(string modelDirectory, SourceLocation? where)
    {
        if (LexicalProblem(Location) is { } problem)
        {
            throw Escapes(problem, where);
        }

        var root = RealPath(Path.GetFullPath(modelDirectory));
        var candidate = Path.GetFullPath(Path.Combine(modelDirectory, Location));
        var real = RealPath(candidate);
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!real.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw Escapes($"resolves through a symbolic link to '{real}', outside the model's folder", where);
        }

        return candidate;
    }

    /// <summary>Resolves every symbolic link along <paramref name="path"/> (components that do not exist are kept as they are).</summary>
    public static string RealPath(string path, int depth = 0)
    {
        if (depth > 40)
        {
            throw new IOException($"Too many levels of symbolic links resolving '{path}'.");
        }

        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
            {
                var target = info.LinkTarget;
                next = RealPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target), depth + 1);
            }

            current = next;
        }

        return current;
    }

    private EdgeException Escapes(string problem, SourceLocation? where) => new(
        DiagnosticCatalog.Onnx.ExternalDataEscapes,
        $"Tensor '{TensorName}' points to external data at '{Location}', which {problem}. External data must be a relative path inside the model's folder; move the data file next to the model and set 'location' to its file name. Nothing was read.",
        where);

    private static long ParseNumber(string tensor, StringStringEntryProto entry, SourceLocation? where)
    {
        if (!long.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor}' has external data '{entry.Key}' = '{entry.Value}', which is not a non-negative integer. Re-save the model with its external data.", where);
        }

        return value;
    }
}
