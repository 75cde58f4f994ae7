// What .NET's file API cannot do and atomic set publishing needs: fsync a directory (so a rename survives a power
// loss) and exchange two directories in one step (Linux renameat2 with RENAME_EXCHANGE), so a published folder is
// never absent, not even for an instant. Both are looked up in the C library at run time; where they are missing
// (another OS, an old kernel or libc) the caller falls back to two renames and recovers a half-done swap later.
using System.Runtime.InteropServices;

namespace EdgeSdk.IO;

/// <summary>Directory fsync and atomic directory exchange where the platform has them.</summary>
internal static unsafe class NativeFileSystem
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    private static readonly nint Libc = LoadLibc();
    private static readonly nint Renameat2 = Export("renameat2");
    private static readonly nint Open = Export("open");
    private static readonly nint Fsync = Export("fsync");
    private static readonly nint Close = Export("close");

    /// <summary>Gets whether <see cref="TryExchange"/> can work on this platform.</summary>
    public static bool CanExchange => Renameat2 != 0;

    /// <summary>Swaps two existing directories (each name then holds the other's content) in one atomic step; false when the platform or file system cannot.</summary>
    public static bool TryExchange(string a, string b)
    {
        if (Renameat2 == 0)
        {
            return false;
        }

        var fn = (delegate* unmanaged<int, byte*, int, byte*, uint, int>)Renameat2;
        int result, errno;
        fixed (byte* pa = Utf8Z(a), pb = Utf8Z(b))
        {
            Marshal.SetLastSystemError(0);
            result = fn(AtFdCwd, pa, AtFdCwd, pb, RenameExchange);
            errno = Marshal.GetLastSystemError();
        }

        // EINVAL (a file system without exchange), ENOSYS (an old kernel), EOPNOTSUPP: the caller falls back to two renames.
        return result == 0 || (errno is 22 or 38 or 95 ? false : throw new IOException($"Could not exchange '{a}' and '{b}' (errno {errno})."));
    }

    /// <summary>Flushes a directory's entries to disk (best effort: a no-op where the platform cannot).</summary>
    public static void FsyncDirectory(string path)
    {
        if (Open == 0 || Fsync == 0 || Close == 0)
        {
            return;
        }

        fixed (byte* p = Utf8Z(path))
        {
            var fd = ((delegate* unmanaged<byte*, int, int>)Open)(p, 0);
            if (fd >= 0)
            {
                ((delegate* unmanaged<int, int>)Fsync)(fd);
                ((delegate* unmanaged<int, int>)Close)(fd);
            }
        }
    }

    private static byte[] Utf8Z(string s) => System.Text.Encoding.UTF8.GetBytes(s + "\0");

    private static nint LoadLibc()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        foreach (var name in new[] { "libc.so.6", "libc.so", "libc" })
        {
            if (NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        return 0;
    }

    private static nint Export(string name) => Libc != 0 && NativeLibrary.TryGetExport(Libc, name, out var address) ? address : 0;
}
