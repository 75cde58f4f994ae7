// What the one-package-for-every-build-machine SDK costs its users (issue 12, point 5): the packed
// EdgeSdk nupkg's size, split into what every host shares and the native ONNX Runtime of each runtime
// identifier (tasks/net10.0/runtimes/<rid>/native/), and the wall time of a cold and a no-op `dotnet build`
// of samples/Digits against that package. Cold = a fresh copy of the sample (no bin/obj) with an empty
// step cache, the SDK package already in the NuGet cache; no-op = the same copy built again. Cold and no-op
// builds alternate round by round so machine load hits both alike; the ratio is reported per round. Given a
// baseline package (e.g. the SDK packed at the commit before issue 12, with the hand-written ORT binding and
// linux-x64 only), its builds are interleaved with the current package's in the same rounds, alternating
// which goes first, and the current/baseline ratios are reported per round.
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using EdgeSdk.Evaluation;
using EdgeSdk.Runtime;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Sdk;

/// <summary>The <c>sdk-build-cost</c> benchmark.</summary>
internal sealed class BuildCostBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "sdk-build-cost";

    /// <inheritdoc/>
    public string Description => "Packed SDK size per runtime identifier and cold/no-op `dotnet build` of samples/Digits, interleaved; args: [rounds=3] [nupkg] [baseline nupkg] (pack first: ./eng/pack.sh)";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var nupkg = args.Length > 1 ? Path.GetFullPath(args[1]) : DefaultPackage();
        if (!File.Exists(nupkg))
        {
            throw new FileNotFoundException($"No packed SDK at '{nupkg}': run ./eng/pack.sh first.", nupkg);
        }

        var baseline = args.Length > 2 ? Path.GetFullPath(args[2]) : null;
        if (baseline is not null && !File.Exists(baseline))
        {
            throw new FileNotFoundException($"No baseline package at '{baseline}'.", baseline);
        }

        var machine = MachineInfo.Current();
        var loadBefore = LoadAverage();
        var size = PackageSize(nupkg);
        var baselineSize = baseline is null ? null : PackageSize(baseline);
        var builds = BuildTimes(nupkg, baseline, rounds);
        return new
        {
            command = $"dotnet run -c Release --project bench/EdgeSdk.Bench -- {Name} {string.Join(' ', args)}".TrimEnd(),
            cpu = machine.CpuModel,
            logicalCores = machine.LogicalCores,
            isa = string.Join(' ', machine.IsaFlags),
            int8Isa = machine.IsaFlags.Contains("avx512_vnni") ? "avx512_vnni" : machine.IsaFlags.Contains("avx2") ? "avx2" : "other",
            loadAverageBefore = loadBefore,
            loadAverageAfter = LoadAverage(),
            ortPackage = $"Microsoft.ML.OnnxRuntime {OrtRuntime.PackageVersion}",
            package = size,
            baselinePackage = baselineSize,
            nupkgCurrentOverBaseline = baseline is null ? (double?)null : Math.Round((double)new FileInfo(nupkg).Length / new FileInfo(baseline).Length, 3),
            digitsBuild = builds,
        };
    }

    private static string DefaultPackage()
    {
        var packages = Path.Combine(TestPaths.RepoRoot, "artifacts", "packages");
        return Directory.Exists(packages)
            ? Directory.GetFiles(packages, "EdgeSdk.*.nupkg").Where(f => char.IsDigit(Path.GetFileName(f)["EdgeSdk.".Length])).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() ?? Path.Combine(packages, "EdgeSdk.nupkg")
            : Path.Combine(packages, "EdgeSdk.nupkg");
    }

    // Entries under tasks/<tfm>/runtimes/<rid>/ belong to that rid; everything else is shared by every host.
    private static object PackageSize(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        static string? RidOf(string entry)
        {
            var parts = entry.Split('/');
            var i = Array.IndexOf(parts, "runtimes");
            return i >= 0 && i + 1 < parts.Length && parts[0] == "tasks" ? parts[i + 1] : null;
        }

        var files = zip.Entries.Where(e => e.Length > 0 || !e.FullName.EndsWith('/')).ToList();
        var shared = files.Where(e => RidOf(e.FullName) is null).ToList();
        var sharedCompressed = shared.Sum(e => e.CompressedLength);
        var perRid = files.Where(e => RidOf(e.FullName) is not null).GroupBy(e => RidOf(e.FullName)!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new
        {
            rid = g.Key,
            files = g.Select(e => new { path = e.FullName, bytes = e.Length, compressedBytes = e.CompressedLength }).ToList(),
            bytes = g.Sum(e => e.Length),
            compressedBytes = g.Sum(e => e.CompressedLength),
            packageIfOnlyThisRidBytes = sharedCompressed + g.Sum(e => e.CompressedLength),
        }).ToList();
        return new
        {
            file = Path.GetFileName(nupkg),
            nupkgBytes = new FileInfo(nupkg).Length,
            entries = files.Count,
            sharedBytes = shared.Sum(e => e.Length),
            sharedCompressedBytes = sharedCompressed,
            rids = perRid.Select(r => r.rid).ToList(),
            perRid,
        };
    }

    private static object BuildTimes(string nupkg, string? baseline, int rounds)
    {
        var root = TestPaths.NewTempDir("bench-build");
        var current = new Subject("current", nupkg, root);
        var subjects = baseline is null ? new[] { current } : [current, new Subject("baseline", baseline, root)];

        // An untimed first build per package extracts it into its own NuGet cache and starts the build servers.
        foreach (var subject in subjects)
        {
            Build(subject.Copy("prime"), Path.Combine(root, $"cache-{subject.Label}-prime"));
        }

        for (var r = 0; r < rounds; r++)
        {
            // Alternate which package goes first, so a drift in machine load does not favour either.
            foreach (var subject in r % 2 == 0 ? subjects : subjects.Reverse())
            {
                var project = subject.Copy($"round{r}");
                var cache = Path.Combine(root, $"cache-{subject.Label}-{r}");
                subject.Cold.Add(Build(project, cache));
                subject.NoOp.Add(Build(project, cache));
            }
        }

        object Summary(Subject s) => new
        {
            package = Path.GetFileName(s.Package),
            coldSeconds = s.Cold.Select(v => Math.Round(v, 2)).ToList(),
            noOpSeconds = s.NoOp.Select(v => Math.Round(v, 2)).ToList(),
            coldMedianSeconds = Math.Round(Median(s.Cold), 2),
            noOpMedianSeconds = Math.Round(Median(s.NoOp), 2),
            noOpOverColdPerRound = s.Cold.Zip(s.NoOp, (c, n) => Math.Round(n / c, 4)).ToList(),
            noOpOverColdMedian = Math.Round(Median(s.Cold.Zip(s.NoOp, (c, n) => n / c).ToList()), 4),
        };

        var coldRatios = subjects.Length == 2 ? subjects[0].Cold.Zip(subjects[1].Cold, (a, b) => a / b).ToList() : [];
        var noOpRatios = subjects.Length == 2 ? subjects[0].NoOp.Zip(subjects[1].NoOp, (a, b) => a / b).ToList() : [];
        return new
        {
            project = "samples/Digits (digits_cnn, passes: fuse; evaluation with latency warmup 20, runs 200)",
            definition = "cold: fresh copy, no bin/obj, empty EdgeCacheDir, SDK package already extracted, build servers running; no-op: the same copy built again",
            buildCommand = "dotnet build -c Release -nologo -v:q -p:EdgeCacheDir=EMPTY_DIR",
            rounds,
            current = Summary(current),
            baseline = subjects.Length == 2 ? Summary(subjects[1]) : null,
            coldCurrentOverBaselinePerRound = coldRatios.Select(v => Math.Round(v, 4)).ToList(),
            coldCurrentOverBaselineMedian = coldRatios.Count == 0 ? (double?)null : Math.Round(Median(coldRatios), 4),
            noOpCurrentOverBaselinePerRound = noOpRatios.Select(v => Math.Round(v, 4)).ToList(),
            noOpCurrentOverBaselineMedian = noOpRatios.Count == 0 ? (double?)null : Math.Round(Median(noOpRatios), 4),
        };
    }

    private static string Copy(string root, string name, string feed, string packagesFolder)
    {
        var source = Path.Combine(TestPaths.RepoRoot, "samples", "Digits");
        var target = Path.Combine(root, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative == "NuGet.config")
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        File.WriteAllText(Path.Combine(target, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{packagesFolder}" /></config>
              <packageSources>
                <clear />
                <add key="edgesdk-bench" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        return target;
    }

    private static double Build(string project, string cache)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", "-c", "Release", "-nologo", "-v:q", $"-p:EdgeCacheDir={cache}" })
        {
            start.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        var seconds = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build in {project} failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
        }

        return seconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // One package under test: its own feed and NuGet cache (both packages may carry the same version).
    private sealed class Subject
    {
        private readonly string _root;
        private readonly string _feed;
        private readonly string _packages;

        public Subject(string label, string package, string root)
        {
            Label = label;
            Package = package;
            _root = root;
            _feed = Path.Combine(root, "feed-" + label);
            _packages = Path.Combine(root, "nuget-packages-" + label);
            Directory.CreateDirectory(_feed);
            File.Copy(package, Path.Combine(_feed, Path.GetFileName(package)));
        }

        public string Label { get; }

        public string Package { get; }

        public List<double> Cold { get; } = [];

        public List<double> NoOp { get; } = [];

        public string Copy(string name) => BuildCostBenchmark.Copy(_root, $"{Label}-{name}", _feed, _packages);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : string.Empty;
}
