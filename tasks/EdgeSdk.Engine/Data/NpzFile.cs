// Reads and writes NumPy .npz archives (np.savez / np.savez_compressed): a zip of .npy members, one per
// named array. Members are parsed with NpyFile, so every dtype NpyFile reads is supported here too.
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
        if (!File.Exists(path))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The data file '{path}' does not exist.", new SourceLocation(path));
        }

        var arrays = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        try
        {
            using var archive = ZipFile.OpenRead(path);
            foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal)))
            {
                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var name = entry.FullName[..^4];
                arrays[name] = NpyFile.Parse(buffer.ToArray(), $"{path}:{name}");
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

        Onnx.AtomicFile.WriteAllBytes(path, buffer.ToArray());
    }
}
