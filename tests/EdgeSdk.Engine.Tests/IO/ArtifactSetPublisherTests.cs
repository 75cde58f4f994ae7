// The atomic set publisher under crash injection: a "kill" (an exception from the step hook, which the publisher
// never catches, so nothing is cleaned up, as after kill -9) at every step of a publish, with the directory exchange
// and with the two-rename fallback, with and without an earlier set. Right after the crash the folder holds the old
// or the new set whole (the fallback alone may have no folder between its two renames); after recovery it always
// does, with no leftovers, and the manifest's digests match its files. Also: an unchanged set is not touched, a
// smaller set replaces the folder exactly (nothing of the old set stays beside it), a manifest that does not match its
// files (a changed file, a listed file missing, a file it does not list) is refused, removing a folder is atomic, and
// two publishers of one model serialise under the lock while a reader only ever sees whole sets, and a publish copies
// one whole set while another build rewrites its source folder under the set lock.
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.IO;

public sealed class ArtifactSetPublisherTests
{
    private sealed class Killed : Exception
    {
    }

    public static TheoryData<bool, bool> Modes() => new() { { true, true }, { true, false }, { false, true }, { false, false } };

    [Theory]
    [MemberData(nameof(Modes))]
    public void AKillAtAnyStepLeavesTheOldOrTheNewSetWholeAndRecoveryCompletesIt(bool exchange, bool hasOld)
    {
        if (exchange && !NativeFileSystem.CanExchange)
        {
            OperatingSystem.IsLinux().Should().BeFalse("Linux has renameat2's RENAME_EXCHANGE");
            return;
        }

        // The steps a publish goes through in this mode, recorded from an uninterrupted run.
        var steps = new List<string>();
        {
            var dir = TestPaths.NewTempDir("publish-steps");
            var (oldSet, newSet) = (WriteSet(dir, "old", 1), WriteSet(dir, "new", 2));
            if (hasOld)
            {
                new ArtifactSetPublisher(Path.Combine(dir, "out"), "m").Publish(oldSet.Files);
            }

            new ArtifactSetPublisher(Path.Combine(dir, "out"), "m") { UseExchange = exchange, Step = steps.Add }.Publish(newSet.Files);
            AssertWhole(Path.Combine(dir, "out", "m"), newSet);
        }

        steps.Should().Contain(["created", "staged:manifest.json", "staged:model.onnx", "staged:report.md", "ready", "swapped"]);
        if (hasOld && !exchange)
        {
            steps.Should().Contain("moved-old");
        }

        foreach (var crashAt in steps)
        {
            var dir = TestPaths.NewTempDir("publish-crash");
            var root = Path.Combine(dir, "out");
            var target = Path.Combine(root, "m");
            var (oldSet, newSet) = (WriteSet(dir, "old", 1), WriteSet(dir, "new", 2));
            if (hasOld)
            {
                new ArtifactSetPublisher(root, "m").Publish(oldSet.Files);
            }

            var crashing = new ArtifactSetPublisher(root, "m") { UseExchange = exchange, Step = s => { if (s == crashAt) { throw new Killed(); } } };
            FluentActions.Invoking(() => crashing.Publish(newSet.Files)).Should().Throw<Killed>();

            var swapped = steps.IndexOf(crashAt) >= steps.IndexOf("swapped");
            if (Directory.Exists(target))
            {
                AssertWhole(target, swapped ? newSet : oldSet, $"right after a kill at '{crashAt}'");
            }
            else
            {
                // Only the fallback between its two renames, or a first publish before its one rename, has no folder.
                (crashAt == "moved-old" || !hasOld).Should().BeTrue($"the folder vanished after a kill at '{crashAt}'");
            }

            new ArtifactSetPublisher(root, "m") { UseExchange = exchange }.Recover();
            var expected = swapped || (crashAt == "ready" && !hasOld) || crashAt == "moved-old" ? newSet : hasOld ? oldSet : null;
            if (expected is null)
            {
                Directory.Exists(target).Should().BeFalse($"nothing was published before the kill at '{crashAt}'");
            }
            else
            {
                AssertWhole(target, expected, $"after recovering from a kill at '{crashAt}'");
            }

            Directory.GetDirectories(root).Select(Path.GetFileName).Should().BeEquivalentTo(expected is null ? [] : new[] { "m" }, $"no staging folder may stay after recovering from '{crashAt}'");
            new ArtifactSetPublisher(root, "m") { UseExchange = exchange }.Publish(newSet.Files).Changed.Should().Be(expected != newSet);
            AssertWhole(target, newSet);
        }
    }

    [Fact]
    public void AnUnchangedSetIsNotTouchedAndASmallerSetReplacesTheFolderExactly()
    {
        var dir = TestPaths.NewTempDir("publish-keep");
        var root = Path.Combine(dir, "out");
        var first = WriteSet(dir, "first", 1);
        new ArtifactSetPublisher(root, "m").Publish(first.Files).Changed.Should().BeTrue();
        var model = Path.Combine(root, "m", "model.onnx");
        var stamp = File.GetLastWriteTimeUtc(model);
        Thread.Sleep(20);

        new ArtifactSetPublisher(root, "m").Publish(first.Files).Changed.Should().BeFalse();
        File.GetLastWriteTimeUtc(model).Should().Be(stamp);

        // A set without a model (its manifest lists only the report) replaces the folder: the old model does not stay
        // beside a manifest that does not describe it.
        var second = WriteSet(dir, "second", 2, withModel: false);
        var outcome = new ArtifactSetPublisher(root, "m").Publish(second.Files);
        outcome.Changed.Should().BeTrue();
        outcome.Files.Select(Path.GetFileName).Should().BeEquivalentTo(["manifest.json", "report.md"]);
        AssertWhole(Path.Combine(root, "m"), second);

        // The same files again, now with an extra stray file in the folder: not "unchanged", the stray file goes.
        File.WriteAllText(Path.Combine(root, "m", "stray.txt"), "not in the set");
        new ArtifactSetPublisher(root, "m").Publish(second.Files).Changed.Should().BeTrue();
        AssertWhole(Path.Combine(root, "m"), second);
    }

    [Fact]
    public void ASetWithAFileItsManifestDoesNotListOrMissingOneItListsIsRefused()
    {
        var dir = TestPaths.NewTempDir("publish-unlisted");
        var root = Path.Combine(dir, "out");
        var good = WriteSet(dir, "good", 1);
        new ArtifactSetPublisher(root, "m").Publish(good.Files);

        var extra = WriteSet(dir, "extra", 2);
        var stray = Path.Combine(dir, "extra", "model.ort");
        File.WriteAllText(stray, "a file the manifest does not list");
        var unlisted = () => new ArtifactSetPublisher(root, "m").Publish([.. extra.Files, stray]);
        unlisted.Should().Throw<EdgeException>().Which.Diagnostics.Single().Message.Should().Contain("'model.ort'").And.Contain("does not list");
        AssertWhole(Path.Combine(root, "m"), good);

        var missing = WriteSet(dir, "missing", 3);
        var lacking = () => new ArtifactSetPublisher(root, "m").Publish([.. missing.Files.Where(f => !f.EndsWith("model.onnx", StringComparison.Ordinal))]);
        lacking.Should().Throw<EdgeException>().Which.Diagnostics.Single().Message.Should().Contain("'model.onnx'").And.Contain("missing");
        AssertWhole(Path.Combine(root, "m"), good);
        new ArtifactSetPublisher(root, "m").Recover();
        Directory.GetDirectories(root).Select(Path.GetFileName).Should().Equal("m");
    }

    [Fact]
    public void RemovingAFolderIsAtomicAndAKillHalfWayIsFinishedByRecovery()
    {
        var dir = TestPaths.NewTempDir("publish-remove");
        var root = Path.Combine(dir, "out");
        var set = WriteSet(dir, "a", 1);
        new ArtifactSetPublisher(root, "m").Publish(set.Files);

        var crashing = new ArtifactSetPublisher(root, "m") { Step = s => { if (s == "moved-removed") { throw new Killed(); } } };
        FluentActions.Invoking(() => crashing.Remove()).Should().Throw<Killed>();
        Directory.Exists(Path.Combine(root, "m")).Should().BeFalse("the folder is renamed aside whole, never emptied in place");
        new ArtifactSetPublisher(root, "m").Recover();
        Directory.GetDirectories(root).Should().BeEmpty("recovery deletes the folder renamed aside and never restores it");

        new ArtifactSetPublisher(root, "m").Publish(set.Files);
        new ArtifactSetPublisher(root, "m").Remove().Should().BeTrue();
        new ArtifactSetPublisher(root, "m").Remove().Should().BeFalse();
        Directory.GetDirectories(root).Should().BeEmpty();
    }

    [Fact]
    public void ASetWhoseManifestDoesNotMatchItsFilesIsRefusedAndTheOldSetStays()
    {
        var dir = TestPaths.NewTempDir("publish-mismatch");
        var root = Path.Combine(dir, "out");
        var good = WriteSet(dir, "good", 1);
        new ArtifactSetPublisher(root, "m").Publish(good.Files);
        var bad = WriteSet(dir, "bad", 2);
        File.WriteAllText(bad.Files.Single(f => f.EndsWith("model.onnx", StringComparison.Ordinal)), "changed after the manifest was written");

        var act = () => new ArtifactSetPublisher(root, "m").Publish(bad.Files);

        act.Should().Throw<EdgeException>().Which.Diagnostics.Single().Code.Should().Be(DiagnosticCatalog.Sdk.ArtifactWriteFailed.Code);
        AssertWhole(Path.Combine(root, "m"), good);
        new ArtifactSetPublisher(root, "m").Recover();
        Directory.GetDirectories(root).Select(Path.GetFileName).Should().Equal("m");
    }

    [Fact]
    public async Task TwoPublishersOfOneModelTakeTurnsAndAReaderOnlySeesWholeSets()
    {
        var dir = TestPaths.NewTempDir("publish-race");
        var root = Path.Combine(dir, "out");
        var sets = new[] { WriteSet(dir, "a", 1), WriteSet(dir, "b", 2) };
        new ArtifactSetPublisher(root, "m").Publish(sets[0].Files);
        using var stop = new CancellationTokenSource();
        var torn = new List<string>();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // Each file read must be one set's version of it, never a truncated or mixed file.
                    foreach (var file in new[] { "manifest.json", "model.onnx", "report.md" })
                    {
                        var bytes = File.ReadAllBytes(Path.Combine(root, "m", file));
                        if (!sets.Any(s => s.Bytes[file].AsSpan().SequenceEqual(bytes)))
                        {
                            lock (torn)
                            {
                                torn.Add($"{file}: {bytes.Length} bytes of neither set");
                            }
                        }
                    }

                    Interlocked.Increment(ref reads);
                }
                catch (FileNotFoundException)
                {
                    // Between an exchange and a read the path may name the other set's folder for an instant; never torn.
                }
                catch (DirectoryNotFoundException)
                {
                }
            }
        });
        // On a loaded 2-core machine the reader may not be scheduled before 15 publishes finish, so each writer goes on
        // (up to a cap) until the reader has read whole sets while publishing was under way.
        var readsBeforeWriters = Volatile.Read(ref reads);
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 15 || (Volatile.Read(ref reads) - readsBeforeWriters < 3 && i < 5_000); i++)
            {
                new ArtifactSetPublisher(root, "m").Publish(sets[(i + w) % 2].Files);
            }
        })).ToArray();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await reader;

        torn.Should().BeEmpty();
        (reads - readsBeforeWriters).Should().BeGreaterThan(0, "the reader must have read while the sets were being exchanged");
        Directory.GetDirectories(root).Select(Path.GetFileName).Should().Equal("m");
        var final = sets.Single(s => s.Bytes["manifest.json"].AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(root, "m", "manifest.json"))));
        AssertWhole(Path.Combine(root, "m"), final);
    }

    [Fact]
    public void APublishCopiesOneWholeSetWhileAnotherBuildRewritesItsSourceFolderUnderTheSetLock()
    {
        // As PipelineFinisher does: a build rewrites the set in its work folder file by file, in place, under the
        // folder's set lock. Here it tries to do so right after a publish from that folder has staged its first file:
        // it must wait for the publish, which then holds one whole set; without the publish taking the same lock, the
        // rewrite lands half-way through the copy and the publish refuses the mixed set (EDGE0003).
        var dir = TestPaths.NewTempDir("publish-source-lock");
        var root = Path.Combine(dir, "out");
        var sets = new[] { WriteSet(dir, "a", 1), WriteSet(dir, "b", 2) };
        var source = Path.Combine(dir, "work");
        Directory.CreateDirectory(source);
        void WriteSource(ArtifactSet set)
        {
            foreach (var (file, content) in set.Bytes)
            {
                File.WriteAllBytes(Path.Combine(source, file), content);
            }
        }

        WriteSource(sets[0]);
        var files = sets[0].Bytes.Keys.Select(f => Path.Combine(source, f)).ToList();
        Thread? rewrite = null;
        var rewroteDuringCopy = false;
        var publisher = new ArtifactSetPublisher(root, "m")
        {
            Step = step =>
            {
                if (step.StartsWith("staged:", StringComparison.Ordinal) && rewrite is null)
                {
                    // A thread of its own: the thread pool may not start a task within the wait on a loaded machine.
                    rewrite = new Thread(() =>
                    {
                        using (ArtifactSetPublisher.LockSourceSet(source))
                        {
                            WriteSource(sets[1]);
                        }
                    });
                    rewrite.Start();
                    rewroteDuringCopy = rewrite.Join(TimeSpan.FromMilliseconds(500));
                }
            },
        };

        var publish = () => publisher.Publish(files);

        publish.Should().NotThrow("a publish reads the source set under its lock, so it never sees two sets mixed");
        rewroteDuringCopy.Should().BeFalse("the rewrite waits for the publish's lock");
        AssertWhole(Path.Combine(root, "m"), sets[0]);
        rewrite!.Join();
        new ArtifactSetPublisher(root, "m").Publish(files).Changed.Should().BeTrue();
        AssertWhole(Path.Combine(root, "m"), sets[1]);
    }

    private sealed record ArtifactSet(IReadOnlyList<string> Files, IReadOnlyDictionary<string, byte[]> Bytes);

    /// <summary>Writes model.onnx (unless <paramref name="withModel"/> is false), report.md and a manifest.json that lists them with their digests, under <paramref name="dir"/>/<paramref name="name"/>.</summary>
    private static ArtifactSet WriteSet(string dir, string name, int seed, bool withModel = true)
    {
        var folder = Path.Combine(dir, name);
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var bytes = new Dictionary<string, byte[]>
        {
            ["model.onnx"] = [.. Enumerable.Range(0, 70_000 + seed).Select(_ => (byte)random.Next(256))],
            ["report.md"] = Encoding.UTF8.GetBytes($"# report {seed}\n" + new string('x', 40_000)),
        };
        if (!withModel)
        {
            bytes.Remove("model.onnx");
        }

        var artifacts = bytes.Select(b => new { path = b.Key, bytes = b.Value.Length, sha256 = Convert.ToHexStringLower(SHA256.HashData(b.Value)) });
        bytes["manifest.json"] = JsonSerializer.SerializeToUtf8Bytes(new { model = "m", seed, artifacts });

        foreach (var (file, content) in bytes)
        {
            File.WriteAllBytes(Path.Combine(folder, file), content);
        }

        return new ArtifactSet([.. bytes.Keys.Select(f => Path.Combine(folder, f))], bytes);
    }

    /// <summary>The folder holds exactly the set's files with their bytes, and the manifest's digests match the files.</summary>
    private static void AssertWhole(string folder, ArtifactSet set, string because = "")
    {
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(set.Bytes.Keys, because);
        foreach (var (file, content) in set.Bytes)
        {
            File.ReadAllBytes(Path.Combine(folder, file)).Should().Equal(content, because);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        foreach (var a in manifest.RootElement.GetProperty("artifacts").EnumerateArray())
        {
            var path = Path.Combine(folder, a.GetProperty("path").GetString()!);
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))).Should().Be(a.GetProperty("sha256").GetString(), because);
        }
    }
}
