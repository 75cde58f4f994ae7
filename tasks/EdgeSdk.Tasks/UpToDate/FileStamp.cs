// A cheap stamp of a file or a folder listing, compared instead of hashing contents on a no-op build: a file is
// its length and last-write time (as MSBuild's own Inputs/Outputs check, any write changes it), a missing file is
// "missing", and a folder is the digest of the sorted names matching a pattern, so a file added, removed or renamed
// there changes it. Only the BCL is used: the up-to-date check must not load the engine.
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EdgeSdk.Tasks.UpToDate;

/// <summary>A path with the stamp it had when recorded.</summary>
/// <param name="Path">The absolute path.</param>
/// <param name="ListPattern">For a folder: the file names that count; null for a file.</param>
/// <param name="Recursive">For a folder: whether sub-folders count.</param>
/// <param name="Stamp">The stamp.</param>
internal sealed record StampedPath(string Path, string? ListPattern, bool Recursive, string Stamp)
{
    /// <summary>Stamps <paramref name="path"/> now.</summary>
    public static StampedPath Of(string path, string? listPattern = null, bool recursive = false) =>
        new(path, listPattern, recursive, FileStamp.Of(path, listPattern, recursive));

    /// <summary>Gets whether the path still has its recorded stamp.</summary>
    public bool IsCurrent => string.Equals(FileStamp.Of(Path, ListPattern, Recursive), Stamp, StringComparison.Ordinal);
}

/// <summary>Computes stamps.</summary>
internal static class FileStamp
{
    /// <summary>Gets the stamp of a file (<paramref name="listPattern"/> null) or of a folder's listing.</summary>
    public static string Of(string path, string? listPattern = null, bool recursive = false)
    {
        if (listPattern is not null)
        {
            if (!Directory.Exists(path))
            {
                return "missing";
            }

            var names = Directory.GetFiles(path, listPattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                .Select(f => System.IO.Path.GetRelativePath(path, f))
                .Order(StringComparer.Ordinal);
            return "list:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", names))));
        }

        var info = new FileInfo(path);
        return info.Exists
            ? string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}")
            : "missing";
    }
}
