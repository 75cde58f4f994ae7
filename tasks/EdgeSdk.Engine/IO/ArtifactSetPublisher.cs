// Publishes a model's artifacts to its output folder (bin/…/edge/<model>/) as one set. MSBuild's Copy, used
// before, wrote file by file in place, and a kill -9 within milliseconds of its start left a torn folder (a
// manifest truncated to 32 KiB, an empty report, a new manifest beside the old model). Here the new set is
// staged in a hidden sibling folder, every file and folder fsynced, its manifest's digests checked against the
// staged copies, and only then swapped in by one directory exchange (or, where the platform has none, two renames
// that the next publish completes or undoes). A per-model lock keeps two builds of one project from interleaving.
// After any kill the folder holds the old set or the new one, whole. A publish replaces the folder's content
// exactly: nothing of the old set is kept beside the new one, so the manifest always lists exactly the folder's files.
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EdgeSdk.IO;

/// <summary>What one publish did.</summary>
/// <param name="Files">Every file of the published folder (full paths).</param>
/// <param name="Changed">False when the folder already held exactly these files, so nothing was touched.</param>
internal sealed record ArtifactSetPublication(IReadOnlyList<string> Files, bool Changed);

/// <summary>Publishes sets of files to <c>&lt;root&gt;/&lt;name&gt;/</c> atomically.</summary>
internal sealed partial class ArtifactSetPublisher
{
    /// <summary>The manifest whose listed digests are checked before a set is swapped in.</summary>
    public const string ManifestFile = "manifest.json";

    private readonly string _root;
    private readonly string _name;

    /// <summary>Creates a publisher for the folder <paramref name="name"/> under <paramref name="root"/>.</summary>
    public ArtifactSetPublisher(string root, string name)
    {
        _root = Path.GetFullPath(root);
        _name = name;
        if (name.Length == 0 || name.StartsWith('.') || name.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new ArgumentException($"'{name}' is not a plain folder name.", nameof(name));
        }
    }

    /// <summary>Gets the published folder.</summary>
    public string Target => Path.Combine(_root, _name);

    /// <summary>Gets or sets whether to swap with one atomic directory exchange where the platform has it (tests turn it off to cover the fallback).</summary>
    public bool UseExchange { get; init; } = NativeFileSystem.CanExchange;

    /// <summary>Gets or sets how long to wait for another build publishing the same model.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets a hook called at every step with its name (tests throw from it to stand for a kill there).</summary>
    internal Action<string>? Step { get; init; }

    /// <summary>
    /// Publishes <paramref name="files"/> (published under their file names) as the folder's whole content: files of the
    /// current set that <paramref name="files"/> does not name are not kept. A half-done earlier publish is first
    /// completed or undone.
    /// </summary>
    public ArtifactSetPublication Publish(IReadOnlyList<string> files, CancellationToken cancellation = default)
    {
        var incoming = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            if (!incoming.TryAdd(name, Path.GetFullPath(file)))
            {
                throw new ArgumentException($"Two artifacts are named '{name}'.", nameof(files));
            }
        }

        using var gate = Lock(cancellation);
        RecoverLocked();

        // The sources are read under their folders' set locks: another build of the project may be writing a new set
        // there (PipelineFinisher), and a copy taken half-way would mix two sets (caught below, but as a failure).
        var sourceLocks = incoming.Values.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(folder => LockSourceSet(folder, cancellation)).ToList();
        try
        {
            return PublishLocked(incoming, cancellation);
        }
        finally
        {
            sourceLocks.ForEach(l => l.Dispose());
        }
    }

    /// <summary>
    /// Takes the lock of the set of files being written in <paramref name="folder"/> (dispose to release): a writer of
    /// the whole set holds it while writing, and a publish while reading the set, so a publish copies one whole set.
    /// </summary>
    public static FileStream LockSourceSet(string folder, CancellationToken cancellation = default) =>
        FolderLock.Acquire(folder, "artifact-set", FolderLock.DefaultTimeout, (path, ex) => new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed,
            $"Another build has been writing the artifacts in '{folder}' for over {FolderLock.DefaultTimeout.TotalMinutes:0} min (lock '{path}': {ex.Message}). Wait for it or stop it, then rebuild."), cancellation);

    private ArtifactSetPublication PublishLocked(SortedDictionary<string, string> incoming, CancellationToken cancellation)
    {
        var target = Target;
        var all = incoming.Keys.Select(n => Path.Combine(target, n)).ToList();
        var current = Directory.Exists(target) ? Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal) : null;
        if (current is not null && current.SetEquals(incoming.Keys) && incoming.All(f => SameBytes(f.Value, Path.Combine(target, f.Key))))
        {
            return new ArtifactSetPublication(all, Changed: false);
        }

        cancellation.ThrowIfCancellationRequested();
        var staging = Path.Combine(_root, $".{_name}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        Step?.Invoke("created");
        foreach (var (name, source) in incoming)
        {
            CopyDurably(source, Path.Combine(staging, name));
            Step?.Invoke("staged:" + name);
        }

        NativeFileSystem.FsyncDirectory(staging);
        VerifyManifest(staging, incoming.Keys);
        var ready = Path.Combine(_root, $".{_name}.ready-{Guid.NewGuid():N}");
        Directory.Move(staging, ready);
        NativeFileSystem.FsyncDirectory(_root);
        Step?.Invoke("ready");
        if (!Directory.Exists(target))
        {
            Directory.Move(ready, target);
            NativeFileSystem.FsyncDirectory(_root);
            Step?.Invoke("swapped");
        }
        else if (UseExchange && NativeFileSystem.TryExchange(ready, target))
        {
            // `ready` now holds the old set.
            NativeFileSystem.FsyncDirectory(_root);
            Step?.Invoke("swapped");
            Directory.Delete(ready, recursive: true);
            Step?.Invoke("deleted");
        }
        else
        {
            var old = Path.Combine(_root, $".{_name}.old-{Guid.NewGuid():N}");
            Directory.Move(target, old);
            NativeFileSystem.FsyncDirectory(_root);
            Step?.Invoke("moved-old");
            Directory.Move(ready, target);
            NativeFileSystem.FsyncDirectory(_root);
            Step?.Invoke("swapped");
            Directory.Delete(old, recursive: true);
            Step?.Invoke("deleted");
        }

        return new ArtifactSetPublication(all, Changed: true);
    }

    /// <summary>
    /// Removes the published folder, if any, under the lock: renamed aside first (a kill leaves it whole under a leftover
    /// name that the next publish or recovery deletes), then deleted. Returns whether there was one.
    /// </summary>
    public bool Remove(CancellationToken cancellation = default)
    {
        if (!Directory.Exists(_root))
        {
            return false;
        }

        using var gate = Lock(cancellation);
        RecoverLocked();
        if (!Directory.Exists(Target))
        {
            return false;
        }

        var old = Path.Combine(_root, $".{_name}.removed-{Guid.NewGuid():N}");
        Directory.Move(Target, old);
        NativeFileSystem.FsyncDirectory(_root);
        Step?.Invoke("moved-removed");
        Directory.Delete(old, recursive: true);
        return true;
    }

    /// <summary>Completes or undoes a publish that was killed half-way, and removes what it left (takes the lock).</summary>
    public void Recover(CancellationToken cancellation = default)
    {
        using var gate = Lock(cancellation);
        RecoverLocked();
    }

    /// <summary>
    /// Checks that the staged manifest describes exactly the staged set: every file it lists is there with the listed
    /// sha256, and every other staged file is listed. A set mixed from two builds, a file changed while it was copied,
    /// or a file the manifest does not know is refused before it is swapped in.
    /// </summary>
    private static void VerifyManifest(string staging, IEnumerable<string> incoming)
    {
        var path = Path.Combine(staging, ManifestFile);
        if (!File.Exists(path))
        {
            return;
        }

        var unlisted = incoming.Where(n => n != ManifestFile).ToHashSet(StringComparer.Ordinal);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed, $"The manifest to publish is not valid JSON ({ex.Message}); nothing was published. Rebuild.");
        }

        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("artifacts", out var artifacts) || artifacts.ValueKind != JsonValueKind.Array)
            {
                throw new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed, "The manifest to publish lists no artifacts; the published folder was left as it was. Rebuild.");
            }

            foreach (var a in artifacts.EnumerateArray())
            {
                var name = a.TryGetProperty("path", out var p) ? p.GetString() : null;
                var sha = a.TryGetProperty("sha256", out var s) ? s.GetString() : null;
                if (name is null || sha is null)
                {
                    continue;
                }

                unlisted.Remove(name);
                var file = Path.Combine(staging, name);
                var actual = File.Exists(file) ? Sha256(file) : "missing";
                if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
                {
                    throw new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed,
                        $"The manifest to publish lists '{name}' with sha256 {sha}, but the file has {actual} (another build of this project changed the work folder while this one published?); the published folder was left as it was. Rebuild.");
                }
            }
        }

        if (unlisted.Count > 0)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed,
                $"The set to publish holds {string.Join(", ", unlisted.Order(StringComparer.Ordinal).Select(n => $"'{n}'"))}, which its manifest does not list; the published folder was left as it was. Rebuild.");
        }
    }

    private void RecoverLocked()
    {
        if (!Directory.Exists(_root))
        {
            return;
        }

        var leftovers = Directory.EnumerateDirectories(_root).Select(d => (Path: d, Match: Leftover().Match(Path.GetFileName(d))))
            .Where(x => x.Match.Success && x.Match.Groups["name"].Value == _name)
            .Select(x => (x.Path, Kind: x.Match.Groups["kind"].Value))
            .ToList();
        if (!Directory.Exists(Target))
        {
            // Killed between the two renames of the fallback swap (or before the first publish's only rename): the staged
            // set is complete once it is "ready", so finish the swap; else put the old set back.
            var ready = leftovers.Where(l => l.Kind == "ready").Select(l => l.Path).OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
            var old = leftovers.Where(l => l.Kind == "old").Select(l => l.Path).OrderByDescending(Directory.GetLastWriteTimeUtc).FirstOrDefault();
            if ((ready ?? old) is { } restore)
            {
                Directory.Move(restore, Target);
                NativeFileSystem.FsyncDirectory(_root);
                leftovers.RemoveAll(l => l.Path == restore);
            }
        }

        foreach (var (path, _) in leftovers)
        {
            Directory.Delete(path, recursive: true);
        }
    }

    private FileStream Lock(CancellationToken cancellation)
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, $".{_name}.lock");
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive advisory lock on Unix (flock) and a share lock on Windows; a killed
                // process releases it. The lock file itself stays: deleting it would race with the next taker.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                cancellation.WaitHandle.WaitOne(50);
                cancellation.ThrowIfCancellationRequested();
            }
            catch (IOException ex)
            {
                throw new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed, $"Another build has been publishing '{Target}' for over {LockTimeout.TotalMinutes:0} min (lock '{path}': {ex.Message}). Wait for it or stop it, then rebuild.");
            }
        }
    }

    private static void CopyDurably(string source, string destination)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);
        using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        input.CopyTo(output);
        output.Flush(flushToDisk: true);
    }

    private static bool SameBytes(string a, string b)
    {
        if (!File.Exists(b) || new FileInfo(a).Length != new FileInfo(b).Length)
        {
            return false;
        }

        return File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    [GeneratedRegex(@"^\.(?<name>.+)\.(?<kind>staging|ready|old|removed)-[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex Leftover();
}
