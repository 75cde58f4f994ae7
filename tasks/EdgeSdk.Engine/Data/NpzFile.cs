// Reads and writes NumPy .npz archives (np.savez / np.savez_compressed): a zip of .npy members, one per
// named array. Members are parsed with NpyFile, so every dtype NpyFile reads is supported here too.
using EdgeSdk.IO;
using System.IO.Compression;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>NumPy <c>.npz</c> reader and writer.</summary>
internal static class NpzFile
{
    /// <summary>Reads every array of an archive, by name (the member name without <c>.npy</c>), in archive order.</summary>
    public static IReadOnlyDictionary<string, Tensor> Read(string path)
    {
        var limit = IO.BoundedFile.MemoryLimit;
        IO.BoundedFile.CheckedLength(path, limit, "data file");
        var arrays = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        long total = 0;
        try
        {
            using var file = IO.BoundedFile.OpenRegular(path, "data file");
            using var archive = new ZipArchive(file, ZipArchiveMode.Read);
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
            {
                var name = entry.FullName[..^4];
                total += entry.Length;
                if (entry.Length > limit || total > limit)
                {
                    throw new EdgeException(DiagnosticCatalog.Data.DeclaredSizeTooLarge, $"'{path}' declares {total:N0} bytes of arrays once decompressed (member '{name}': {entry.Length:N0}), more than the {limit:N0} this machine can hold for it. Use a smaller data set.", new SourceLocation(path));
                }

                // Read no more than the member declares: a lying header cannot make us inflate without bound.
                using var stream = entry.Open();
                var buffer = new byte[entry.Length];
                var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                arrays[name] = NpyFile.Parse(buffer.AsSpan(0, read), $"{path}:{name}");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"'{path}' is not a valid .npz archive: {ex.Message}. Save it with numpy.savez.", new SourceLocation(path), ex);
        }

        return arrays;
    }

    /// <summary>Writes arrays as an uncompressed archive (like numpy.savez), atomically.</summary>
    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> arrays)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, tensor) in arrays)
            {
                var entry = archive.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
                entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var stream = entry.Open();
                stream.Write(NpyFile.ToBytes(tensor));
            }
        }

        EdgeSdk.IO.AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }
}
