// An exclusive lock on a folder that several builds share (a model's work folder, an output root): a lock file opened
// with FileShare.None, which takes an advisory flock on Unix and a share lock on Windows, between threads as between
// processes; a killed process releases it. The lock file itself stays: deleting it would race with the next taker.
namespace EdgeSdk.IO;

/// <summary>Takes the exclusive lock of a folder.</summary>
internal static class FolderLock
{
    /// <summary>The default wait for another build holding the lock.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Waits for and takes the lock <c>&lt;directory&gt;/.&lt;name&gt;.lock</c> (creating the folder); dispose the result to release
    /// it. After <paramref name="timeout"/> throws what <paramref name="timedOut"/> makes of the last error.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <param name="name">The lock's name (several locks may live in one folder).</param>
    /// <param name="timeout">How long to wait for another holder.</param>
    /// <param name="timedOut">Makes the exception thrown after <paramref name="timeout"/> (given the lock file's path and the last error).</param>
    /// <param name="cancellation">Cancels the wait.</param>
    public static FileStream Acquire(string directory, string name, TimeSpan timeout, Func<string, IOException, Exception> timedOut, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".{name}.lock");
        var deadline = DateTime.UtcNow + timeout;
        var wait = 1;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                cancellation.WaitHandle.WaitOne(wait);
                cancellation.ThrowIfCancellationRequested();
                wait = Math.Min(50, wait * 2);
            }
            catch (IOException ex)
            {
                throw timedOut(path, ex);
            }
        }
    }
}
