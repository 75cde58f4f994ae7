// `edgesdk cache stats` and `edgesdk cache prune`: sizes of the machine-wide cache and eviction of the
// least recently used files (a hit refreshes the modification time of an entry and its blobs) until the
// cache fits a size. Index entries whose blobs were evicted are removed too; leftover temporary files of
// crashed writers older than an hour go first.
namespace EdgeSdk.Caching;

/// <summary>What the machine-wide cache holds.</summary>
/// <param name="Directory">The cache folder.</param>
/// <param name="Entries">Step index entries (ac/).</param>
/// <param name="Blobs">Blobs (cas/).</param>
/// <param name="Bytes">Total size of entries and blobs.</param>
/// <param name="OldestUse">Least recent use of any file, or null when empty.</param>
/// <param name="NewestUse">Most recent use of any file, or null when empty.</param>
internal sealed record LocalCacheStats(string Directory, int Entries, int Blobs, long Bytes, DateTime? OldestUse, DateTime? NewestUse);

/// <summary>The outcome of a prune.</summary>
/// <param name="RemovedFiles">Files deleted.</param>
/// <param name="RemovedBytes">Bytes freed.</param>
/// <param name="After">The cache after pruning.</param>
internal sealed record LocalCachePruneResult(int RemovedFiles, long RemovedBytes, LocalCacheStats After);

/// <summary>Statistics and size-capped eviction of a <see cref="LocalCache"/>.</summary>
internal static class LocalCacheMaintenance
{
    private static readonly TimeSpan StaleTemp = TimeSpan.FromHours(1);

    /// <summary>Measures the cache.</summary>
    public static LocalCacheStats Stats(LocalCache cache)
    {
        var blobs = Files(cache.BlobDirectory);
        var entries = Files(cache.ActionDirectory);
        var all = blobs.Concat(entries).ToList();
        return new LocalCacheStats(
            cache.Root,
            entries.Count,
            blobs.Count,
            all.Sum(f => f.Length),
            all.Count == 0 ? null : all.Min(f => f.LastWriteTimeUtc),
            all.Count == 0 ? null : all.Max(f => f.LastWriteTimeUtc));
    }

    /// <summary>Deletes least recently used files until the cache holds at most <paramref name="maxBytes"/>.</summary>
    public static LocalCachePruneResult Prune(LocalCache cache, long maxBytes)
    {
        var removed = 0;
        long freed = 0;
        void Delete(FileInfo file)
        {
            try
            {
                var length = file.Length;
                file.Delete();
                removed++;
                freed += length;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        foreach (var temp in TempFiles(cache.BlobDirectory).Concat(TempFiles(cache.ActionDirectory)).Where(f => DateTime.UtcNow - f.LastWriteTimeUtc > StaleTemp))
        {
            Delete(temp);
        }

        var files = Files(cache.BlobDirectory).Concat(Files(cache.ActionDirectory))
            .OrderBy(f => f.LastWriteTimeUtc)
            .ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var total = files.Sum(f => f.Length);
        foreach (var file in files)
        {
            if (total <= maxBytes)
            {
                break;
            }

            total -= file.Length;
            Delete(file);
        }

        foreach (var entry in Files(cache.ActionDirectory))
        {
            var parsed = TryRead(entry);
            if (parsed is null || (!parsed.IsHostDependentMarker && (!cache.HasBlob(parsed.Model!) || !cache.HasBlob(parsed.Record!))))
            {
                Delete(entry);
            }
        }

        return new LocalCachePruneResult(removed, freed, Stats(cache));
    }

    private static StepCacheEntry? TryRead(FileInfo entry)
    {
        try
        {
            return StepCacheEntry.TryParse(File.ReadAllBytes(entry.FullName));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static List<FileInfo> Files(string directory) => Directory.Exists(directory)
        ? new DirectoryInfo(directory).EnumerateFiles().Where(f => !f.Name.StartsWith('.')).ToList()
        : [];

    private static IEnumerable<FileInfo> TempFiles(string directory) => Directory.Exists(directory)
        ? new DirectoryInfo(directory).EnumerateFiles(".*")
        : [];
}
