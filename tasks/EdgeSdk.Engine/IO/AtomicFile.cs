// Atomic file replacement: write to a temporary file in the same folder, flush, then rename over the
// destination. A crash or cancellation leaves either the old file or the new one, never a mix.
using EdgeSdk.Onnx;

namespace EdgeSdk.IO;

/// <summary>Writes files so that readers never see a partially written file.</summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var (full, temp) = TempBeside(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            DeleteIfPresent(temp);
        }
    }

    /// <summary>Writes whatever <paramref name="write"/> puts into the stream to <paramref name="path"/> atomically (for content too large for one buffer).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var (full, temp) = TempBeside(path);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            DeleteIfPresent(temp);
        }
    }

    /// <summary>Writes UTF-8 text (no BOM, '\n' line endings as given) atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    private static (string Full, string Temp) TempBeside(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return (full, Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp"));
    }

    private static void DeleteIfPresent(string temp)
    {
        if (File.Exists(temp))
        {
            File.Delete(temp);
        }
    }
}
