// Reading files from untrusted projects without letting them hang or exhaust the machine: only regular
// files with a size are read (a device such as /dev/zero, a FIFO or a socket reports size 0 and is
// refused before it is opened), the size is checked against a limit before anything is allocated, and the
// read is bounded by the size found, never "until end of file".
using System.Text;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.IO;

/// <summary>Bounded, regular-file-only reads.</summary>
internal static class BoundedFile
{
    /// <summary>Gets the most bytes one in-memory file read may take on this machine: a quarter of the memory available to the process, at most <see cref="Array.MaxLength"/>.</summary>
    public static long MemoryLimit
    {
        get
        {
            var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            return Math.Min(Array.MaxLength, available > 0 ? available / 4 : Array.MaxLength);
        }
    }

    /// <summary>
    /// Returns the size of the regular file at <paramref name="path"/> after checking it lies within
    /// <paramref name="maxBytes"/>; throws EDGE0002 when it does not exist, EDGE0020 when it is not a regular
    /// file with content, EDGE0021 when it is too large. <paramref name="what"/> names the file's role in messages.
    /// </summary>
    public static long CheckedLength(string path, long maxBytes, string what, SourceLocation? referencedAt = null)
    {
        var info = new FileInfo(path);
        var at = referencedAt ?? new SourceLocation(path);
        if (!info.Exists)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The {what} '{path}' does not exist.", at);
        }

        if (info.Length <= 0)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.NotARegularFile, $"The {what} '{path}' is empty or is not a regular file (a device such as /dev/zero, a FIFO or a socket). EdgeSdk reads only regular files; give a real {what}.", at);
        }

        if (info.Length > maxBytes)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileTooLarge, $"The {what} '{path}' has {info.Length:N0} bytes, more than the {maxBytes:N0} EdgeSdk accepts for it. Use a smaller file.", at);
        }

        return info.Length;
    }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes (see <see cref="CheckedLength"/>).</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what, SourceLocation? referencedAt = null)
    {
        var length = CheckedLength(path, maxBytes, what, referencedAt);
        using var stream = OpenRegular(path, what, referencedAt);
        var buffer = new byte[length];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>Reads a whole regular text file (UTF-8, BOM honoured) of at most <paramref name="maxBytes"/> bytes.</summary>
    public static string ReadAllText(string path, long maxBytes, string what, SourceLocation? referencedAt = null)
    {
        var bytes = ReadAllBytes(path, maxBytes, what, referencedAt);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Opens a regular file for reading after <see cref="CheckedLength"/> accepted it, and re-checks the opened
    /// stream (a seekable stream with a size), so a file swapped for a device in between is still refused.
    /// </summary>
    public static FileStream OpenRegular(string path, string what, SourceLocation? referencedAt = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (!stream.CanSeek || stream.Length <= 0)
        {
            stream.Dispose();
            throw new EdgeException(DiagnosticCatalog.Sdk.NotARegularFile, $"The {what} '{path}' is not a regular file (a device, FIFO or socket). EdgeSdk reads only regular files.", referencedAt ?? new SourceLocation(path));
        }

        return stream;
    }
}
