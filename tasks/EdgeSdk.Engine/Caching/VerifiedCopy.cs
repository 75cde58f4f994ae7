// Copies a blob while hashing it, so that nothing unverified ever reaches a step output: a blob whose
// length or sha256 differs from its digest throws CorruptBlobException before the destination is renamed
// into place.
using EdgeSdk.IO;
using System.Security.Cryptography;

namespace EdgeSdk.Caching;

/// <summary>A cached blob did not match its digest (corrupt or truncated).</summary>
internal sealed class CorruptBlobException(string message) : Exception(message);

/// <summary>Digest-checked copying.</summary>
internal static class VerifiedCopy
{
    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> and checks the bytes against <paramref name="expected"/>.</summary>
    public static async Task CopyAsync(Stream source, Stream destination, BlobDigest expected, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > expected.Size)
            {
                throw new CorruptBlobException($"blob {expected.Sha256} is longer than its recorded {expected.Size} bytes");
            }

            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
        }

        if (total != expected.Size)
        {
            throw new CorruptBlobException($"blob {expected.Sha256} is truncated ({total} of {expected.Size} bytes)");
        }

        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != expected.Sha256)
        {
            throw new CorruptBlobException($"blob {expected.Sha256} has sha256 {actual}");
        }
    }

    /// <summary>Synchronous form of <see cref="CopyAsync"/>.</summary>
    public static void Copy(Stream source, Stream destination, BlobDigest expected) =>
        CopyAsync(source, destination, expected, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Returns the digest of a file.</summary>
    public static BlobDigest DigestOf(string path) => new(Fingerprint.FileSha256(path), new FileInfo(path).Length);

    /// <summary>Returns the digest of bytes.</summary>
    public static BlobDigest DigestOf(ReadOnlySpan<byte> bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length);
}
