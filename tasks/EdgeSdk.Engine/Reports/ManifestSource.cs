// Finds the manifests `edgesdk diff` compares: a manifest.json file, an output folder holding one
// (edge/<model>/), or a folder of such folders (edge/), so CI can diff whole output trees.
using System.Text.Json;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Reports;

/// <summary>Loads manifests from a path.</summary>
internal static class ManifestSource
{
    /// <summary>Loads the manifests at <paramref name="path"/>, sorted by model name.</summary>
    public static IReadOnlyList<Manifest> Load(string path)
    {
        var full = Path.GetFullPath(path);
        IEnumerable<string> files = File.Exists(full) ? [full]
            : Directory.Exists(full) ? (File.Exists(Path.Combine(full, "manifest.json"))
                ? [Path.Combine(full, "manifest.json")]
                : Directory.GetDirectories(full).Select(d => Path.Combine(d, "manifest.json")).Where(File.Exists))
            : throw new EdgeException(DiagnosticCatalog.Evaluation.ManifestUnreadable, $"'{path}' does not exist. Give a manifest.json or an EdgeSdk output folder (bin/…/edge or bin/…/edge/<model>).", new SourceLocation(full));
        var manifests = files.Order(StringComparer.Ordinal).Select(Read).OrderBy(m => m.Model, StringComparer.Ordinal).ToList();
        return manifests.Count > 0 ? manifests
            : throw new EdgeException(DiagnosticCatalog.Evaluation.ManifestUnreadable, $"'{path}' holds no manifest.json (looked in the folder and its sub-folders). Build the project first.", new SourceLocation(full));
    }

    private static Manifest Read(string file)
    {
        try
        {
            var manifest = Manifest.Read(file);
            return manifest.Stages is { Count: > 0 } ? manifest
                : throw new EdgeException(DiagnosticCatalog.Evaluation.ManifestUnreadable, $"'{file}' has no measured stages; it is not an EdgeSdk manifest.", new SourceLocation(file));
        }
        catch (JsonException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Evaluation.ManifestUnreadable, $"'{file}' is not a valid EdgeSdk manifest: {ex.Message}", new SourceLocation(file, (int)(ex.LineNumber ?? -1) + 1, (int)(ex.BytePositionInLine ?? -1) + 1), ex);
        }
    }
}
