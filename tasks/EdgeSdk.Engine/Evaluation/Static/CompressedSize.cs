// Sizes of a serialized model after general-purpose compression (deflate as in a zip or an OTA package,
// Brotli as served over HTTP): what pruning and low-rank factorization save in transfer even when the
// dense file size is unchanged.
using System.IO.Compression;

namespace EdgeSdk.Evaluation;

/// <summary>Compressed sizes of byte blobs.</summary>
internal static class CompressedSize
{
    /// <summary>Returns the deflate size at the smallest-size level.</summary>
    public static long Deflate(byte[] bytes)
    {
        using var counter = new CountingStream();
        using (var deflate = new DeflateStream(counter, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(bytes);
        }

        return counter.Length;
    }

    /// <summary>Returns the Brotli size at the smallest-size level.</summary>
    public static long Brotli(byte[] bytes)
    {
        using var counter = new CountingStream();
        using (var brotli = new BrotliStream(counter, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            brotli.Write(bytes);
        }

        return counter.Length;
    }

    // A write-only stream that only counts bytes, so large models are not copied to measure them.
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
