// The machine-wide step cache on disk: blobs under cas/<sha256> and step index entries under ac/<key>.
// Every write goes to a temporary file in the same folder and is renamed into place, so concurrent
// builds on one machine never see a partial file; two writers of one key write the same content.
// Reads verify blobs against their digest and delete what fails. Using an entry refreshes its
// modification time, which `edgesdk cache prune` evicts by (least recently used first).
using EdgeSdk.IO;
using EdgeSdk.Onnx;

namespace EdgeSdk.Caching;

/// <summary>The on-disk content-addressed cache.</summary>
/// <param name="root">The cache folder.</param>
internal sealed class LocalCache(string root)
{
    /// <summary>Gets the cache folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Gets the blob folder.</summary>
    public string BlobDirectory => Path.Combine(Root, "cas");

    /// <summary>Gets the step index folder.</summary>
    public string ActionDirectory => Path.Combine(Root, "ac");

    /// <summary>Reads the step index entry for <paramref name="key"/>, or null when absent.</summary>
    public byte[]? ReadAction(string key)
    {
        var path = Path.Combine(ActionDirectory, key);
        try
        {
            var bytes = File.ReadAllBytes(path);
            Touch(path);
            return bytes;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Stores a step index entry atomically.</summary>
    public void WriteAction(string key, byte[] entry) => AtomicFile.WriteAllBytes(Path.Combine(ActionDirectory, key), entry);

    /// <summary>Removes a step index entry (after its blobs proved missing or corrupt).</summary>
    public void RemoveAction(string key) => DeleteQuietly(Path.Combine(ActionDirectory, key));

    /// <summary>Returns whether the blob is present with the right size.</summary>
    public bool HasBlob(BlobDigest digest)
    {
        var info = new FileInfo(Path.Combine(BlobDirectory, digest.Sha256));
        return info.Exists && info.Length == digest.Size;
    }

    /// <summary>Opens a blob for reading, or null when absent.</summary>
    public FileStream? OpenBlob(BlobDigest digest)
    {
        var path = Path.Combine(BlobDirectory, digest.Sha256);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
            Touch(path);
            return stream;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Reads a whole blob with its digest checked; null when absent; throws <see cref="CorruptBlobException"/> (after deleting it) when it fails the check.</summary>
    public byte[]? ReadBlob(BlobDigest digest)
    {
        using var stream = OpenBlob(digest);
        if (stream is null)
        {
            return null;
        }

        var buffer = new MemoryStream();
        try
        {
            VerifiedCopy.Copy(stream, buffer, digest);
        }
        catch (CorruptBlobException)
        {
            RemoveBlob(digest);
            throw;
        }

        return buffer.ToArray();
    }

    /// <summary>Copies a blob to <paramref name="destination"/> atomically with its digest checked; false when absent; throws <see cref="CorruptBlobException"/> (after deleting it) when it fails the check, leaving the destination untouched.</summary>
    public bool CopyBlobTo(BlobDigest digest, string destination)
    {
        using var stream = OpenBlob(digest);
        if (stream is null)
        {
            return false;
        }

        try
        {
            AtomicFile.Write(destination, output => VerifiedCopy.Copy(stream, output, digest));
        }
        catch (CorruptBlobException)
        {
            RemoveBlob(digest);
            throw;
        }

        return true;
    }

    /// <summary>Stores the content of <paramref name="file"/> (whose digest is <paramref name="digest"/>) unless present.</summary>
    public void WriteBlob(BlobDigest digest, string file)
    {
        if (HasBlob(digest))
        {
            Touch(Path.Combine(BlobDirectory, digest.Sha256));
            return;
        }

        using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        AtomicFile.Write(Path.Combine(BlobDirectory, digest.Sha256), output => VerifiedCopy.Copy(source, output, digest));
    }

    /// <summary>Stores <paramref name="bytes"/> (whose digest is <paramref name="digest"/>) unless present.</summary>
    public void WriteBlob(BlobDigest digest, byte[] bytes)
    {
        if (HasBlob(digest))
        {
            Touch(Path.Combine(BlobDirectory, digest.Sha256));
            return;
        }

        AtomicFile.WriteAllBytes(Path.Combine(BlobDirectory, digest.Sha256), bytes);
    }

    /// <summary>Removes a blob.</summary>
    public void RemoveBlob(BlobDigest digest) => DeleteQuietly(Path.Combine(BlobDirectory, digest.Sha256));

    private static void Touch(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // A concurrent prune removed it, or the file is read-only: recency is best effort.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
