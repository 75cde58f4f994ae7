// The step cache seen by the step runner: look a step up before running it (machine-wide cache first,
// then the remote cache, which also fills the machine-wide one) and store its result after. It never
// throws for a cache problem: a missing, corrupt or truncated entry, an unreachable, slow or failing
// server costs one warning and a local computation. Remote problems switch the remote off for the rest
// of the build, so an outage is reported once. Blobs go up before the index entry that names them.
using System.Net.Http.Headers;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Caching;

/// <summary>A restored step result.</summary>
/// <param name="Source"><see cref="CacheSource.Local"/> or <see cref="CacheSource.Remote"/>.</param>
/// <param name="Record">The step record JSON as stored by the build that computed it.</param>
internal sealed record StepRestore(string Source, byte[] Record);

/// <summary>Machine-wide and remote step caches behind one look-up/store interface.</summary>
internal sealed class StepCache : IDisposable
{
    private const string Cas = "cas";
    private const string Ac = "ac";
    private readonly LocalCache _local;
    private readonly RemoteCache? _remote;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reupload = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private volatile bool _remoteDown;
    private volatile bool _remoteWritesStopped;
    private volatile bool _localDown;

    /// <summary>Creates the cache for <paramref name="settings"/>; <paramref name="handler"/> replaces the HTTP stack (tests).</summary>
    public StepCache(CacheSettings settings, HttpMessageHandler? handler = null)
    {
        Settings = settings;
        _local = new LocalCache(settings.LocalDirectory);
        _remote = settings.Remote is null ? null : new RemoteCache(settings.Remote, settings.RemoteTimeout, settings.Credentials, handler);
    }

    /// <summary>Gets the settings.</summary>
    public CacheSettings Settings { get; }

    /// <summary>Restores the result for <paramref name="key"/> into <paramref name="outputModel"/> (atomically); null on a miss.</summary>
    public StepRestore? TryRestore(StepCacheKey key, string outputModel, Action<EdgeDiagnostic> report, CancellationToken cancellation)
    {
        if (!Settings.Enabled)
        {
            return null;
        }

        var local = TryRestoreLocal(key, outputModel, report);
        if (local is not null)
        {
            return local;
        }

        return TryRestoreRemote(key, outputModel, report, cancellation);
    }

    /// <summary>Stores a computed result: the output model file and its record; <paramref name="hostDependent"/> keys it by this machine's CPU.</summary>
    public void Store(StepCacheKey key, string outputModel, byte[] record, bool hostDependent, Action<EdgeDiagnostic> report, CancellationToken cancellation)
    {
        if (!Settings.Enabled)
        {
            return;
        }

        var model = VerifiedCopy.DigestOf(outputModel);
        var recordDigest = VerifiedCopy.DigestOf(record);
        var entry = new StepCacheEntry(model, recordDigest).ToBytes();
        var entryKey = hostDependent ? key.Host : key.Portable;
        if (!_localDown)
        {
            LocalGuard(report, () =>
            {
                _local.WriteBlob(model, outputModel);
                _local.WriteBlob(recordDigest, record);
                _local.WriteAction(entryKey, entry);
                if (hostDependent)
                {
                    _local.WriteAction(key.Portable, StepCacheEntry.HostDependentMarker.ToBytes());
                }
            });
        }

        if (_remote is null || !Settings.RemoteWrite || _remoteDown || _remoteWritesStopped)
        {
            return;
        }

        RemoteGuard(report, async token =>
        {
            await UploadBlobAsync(model, () => new StreamContent(new FileStream(outputModel, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16)), token).ConfigureAwait(false);
            await UploadBlobAsync(recordDigest, () => new ByteArrayContent(record), token).ConfigureAwait(false);
            await _remote.PutAsync(Ac, entryKey, () => new ByteArrayContent(entry), token).ConfigureAwait(false);
            if (hostDependent)
            {
                await _remote.PutAsync(Ac, key.Portable, () => new ByteArrayContent(StepCacheEntry.HostDependentMarker.ToBytes()), token).ConfigureAwait(false);
            }

            return true;
        }, cancellation);
    }

    /// <inheritdoc/>
    public void Dispose() => _remote?.Dispose();

    private StepRestore? TryRestoreLocal(StepCacheKey key, string outputModel, Action<EdgeDiagnostic> report)
    {
        if (_localDown)
        {
            return null;
        }

        return LocalGuard(report, () =>
        {
            var (entryKey, entry) = ReadLocalEntry(key, report);
            if (entry is null)
            {
                return null;
            }

            try
            {
                var record = _local.ReadBlob(entry.Record!);
                if (record is null || !_local.CopyBlobTo(entry.Model!, outputModel))
                {
                    Corrupt(report, $"The machine-wide cache entry {entryKey} names a blob that is missing from {_local.BlobDirectory}");
                    _local.RemoveAction(entryKey);
                    return null;
                }

                return new StepRestore(CacheSource.Local, record);
            }
            catch (CorruptBlobException ex)
            {
                Corrupt(report, $"The machine-wide cache entry {entryKey} is corrupt ({ex.Message})");
                _local.RemoveAction(entryKey);
                return null;
            }
        });
    }

    private (string Key, StepCacheEntry? Entry) ReadLocalEntry(StepCacheKey key, Action<EdgeDiagnostic> report)
    {
        var entryKey = key.Portable;
        for (var hop = 0; hop < 2; hop++)
        {
            var bytes = _local.ReadAction(entryKey);
            if (bytes is null)
            {
                return (entryKey, null);
            }

            var entry = StepCacheEntry.TryParse(bytes);
            if (entry is null)
            {
                Corrupt(report, $"The machine-wide cache entry {entryKey} is not a valid step index entry");
                _local.RemoveAction(entryKey);
                return (entryKey, null);
            }

            if (!entry.IsHostDependentMarker)
            {
                return (entryKey, entry);
            }

            entryKey = key.Host;
        }

        return (entryKey, null);
    }

    private StepRestore? TryRestoreRemote(StepCacheKey key, string outputModel, Action<EdgeDiagnostic> report, CancellationToken cancellation)
    {
        if (_remote is null || _remoteDown)
        {
            return null;
        }

        return RemoteGuard<StepRestore?>(report, async token =>
        {
            var entryKey = key.Portable;
            var entry = await ReadRemoteEntryAsync(entryKey, report, token).ConfigureAwait(false);
            if (entry is { IsHostDependentMarker: true })
            {
                entryKey = key.Host;
                entry = await ReadRemoteEntryAsync(entryKey, report, token).ConfigureAwait(false);
            }

            if (entry is null || entry.IsHostDependentMarker)
            {
                return null;
            }

            var digest = entry.Model!;
            try
            {
                var record = new MemoryStream();
                var found = await _remote.GetAsync(Cas, entry.Record!.Sha256, (body, t) => VerifiedCopy.CopyAsync(body, record, entry.Record, t), token).ConfigureAwait(false)
                    && await DownloadModelAsync(digest, outputModel, token).ConfigureAwait(false);
                if (!found)
                {
                    Corrupt(report, $"The remote cache entry {entryKey} names a blob the server does not have");
                    return null;
                }

                var bytes = record.ToArray();
                FillLocal(entryKey, key, entry, outputModel, bytes, report);
                return new StepRestore(CacheSource.Remote, bytes);
            }
            catch (CorruptBlobException ex)
            {
                lock (_gate)
                {
                    _reupload.Add(digest.Sha256);
                    _reupload.Add(entry.Record!.Sha256);
                }

                Corrupt(report, $"The remote cache entry {entryKey} at {_remote.BaseUri} is corrupt ({ex.Message}); it will be replaced");
                return null;
            }
        }, cancellation);
    }

    private async Task<StepCacheEntry?> ReadRemoteEntryAsync(string entryKey, Action<EdgeDiagnostic> report, CancellationToken token)
    {
        var buffer = new MemoryStream();
        if (!await _remote!.GetAsync(Ac, entryKey, (body, t) => body.CopyToAsync(buffer, t), token).ConfigureAwait(false))
        {
            return null;
        }

        var entry = StepCacheEntry.TryParse(buffer.ToArray());
        if (entry is null)
        {
            Corrupt(report, $"The remote cache entry {entryKey} at {_remote.BaseUri} is not a valid step index entry; it will be replaced");
        }

        return entry;
    }

    private async Task<bool> DownloadModelAsync(BlobDigest digest, string outputModel, CancellationToken token)
    {
        var full = Path.GetFullPath(outputModel);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.download");
        try
        {
            bool found;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                found = await _remote!.GetAsync(Cas, digest.Sha256, (body, t) => VerifiedCopy.CopyAsync(body, file, digest, t), token).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            if (found)
            {
                File.Move(temp, full, overwrite: true);
            }

            return found;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private void FillLocal(string entryKey, StepCacheKey key, StepCacheEntry entry, string outputModel, byte[] record, Action<EdgeDiagnostic> report)
    {
        if (_localDown)
        {
            return;
        }

        LocalGuard(report, () =>
        {
            _local.WriteBlob(entry.Model!, outputModel);
            _local.WriteBlob(entry.Record!, record);
            _local.WriteAction(entryKey, entry.ToBytes());
            if (entryKey != key.Portable)
            {
                _local.WriteAction(key.Portable, StepCacheEntry.HostDependentMarker.ToBytes());
            }

            return true;
        });
    }

    private async Task UploadBlobAsync(BlobDigest digest, Func<HttpContent> content, CancellationToken token)
    {
        bool force;
        lock (_gate)
        {
            force = _reupload.Remove(digest.Sha256);
        }

        if (!force && await _remote!.ExistsAsync(Cas, digest.Sha256, token).ConfigureAwait(false))
        {
            return;
        }

        await _remote!.PutAsync(Cas, digest.Sha256, () =>
        {
            var c = content();
            c.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return c;
        }, token).ConfigureAwait(false);
    }

    private T? RemoteGuard<T>(Action<EdgeDiagnostic> report, Func<CancellationToken, Task<T>> work, CancellationToken cancellation)
    {
        try
        {
            return work(cancellation).GetAwaiter().GetResult();
        }
        catch (RemoteCacheException ex) when (ex.WriteRejected)
        {
            _remoteWritesStopped = true;
            Once(report, DiagnosticCatalog.Cache.RemoteCacheWriteRejected, $"The remote cache {_remote!.BaseUri} refused an upload ({ex.Message}); reads go on, uploads stop for this build. Use EdgeRemoteCacheWrite=false for read-only clients.");
            return default;
        }
        catch (RemoteCacheException ex)
        {
            _remoteDown = true;
            Once(report, DiagnosticCatalog.Cache.RemoteCacheUnavailable, $"The remote cache {_remote!.BaseUri} is unavailable ({ex.Message}); steps are computed locally and the remote cache is not used for the rest of this build.");
            return default;
        }
        catch (IOException ex)
        {
            // A local write while downloading failed (e.g. disk full): the step is computed instead.
            Once(report, DiagnosticCatalog.Cache.LocalCacheUnusable, $"Restoring from the remote cache failed locally ({ex.Message}); computing the step.");
            return default;
        }
    }

    private void RemoteGuard(Action<EdgeDiagnostic> report, Func<CancellationToken, Task<bool>> work, CancellationToken cancellation) =>
        RemoteGuard<bool>(report, work, cancellation);

    private T? LocalGuard<T>(Action<EdgeDiagnostic> report, Func<T?> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _localDown = true;
            Once(report, DiagnosticCatalog.Cache.LocalCacheUnusable, $"The machine-wide step cache {_local.Root} cannot be used ({ex.Message}); the build goes on without it. Set EdgeCacheDir to a writable folder.");
            return default;
        }
    }

    private void LocalGuard(Action<EdgeDiagnostic> report, Action work) => LocalGuard<bool>(report, () =>
    {
        work();
        return true;
    });

    private static void Corrupt(Action<EdgeDiagnostic> report, string message) =>
        report(EdgeDiagnostic.Warning(DiagnosticCatalog.Cache.CacheEntryCorrupt, message + "; the step is recomputed and the entry stored again."));

    private void Once(Action<EdgeDiagnostic> report, DiagnosticDescriptor code, string message)
    {
        lock (_gate)
        {
            if (!_warned.Add(code.Code))
            {
                return;
            }
        }

        report(EdgeDiagnostic.Warning(code, message));
    }
}
