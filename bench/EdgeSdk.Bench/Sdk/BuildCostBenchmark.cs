// What the one-package-for-every-build-machine SDK costs its users (issue 12, point 5): the packed
// EdgeSdk nupkg's size, split into what every host shares and the native ONNX Runtime of each runtime
// identifier (tasks/net10.0/runtimes/<rid>/native/), and the wall time of a cold and a no-op `dotnet build`
// of samples/Digits against that package. Cold = a fresh copy of the sample (no bin/obj) with an empty
// step cache, the SDK package already in the NuGet cache; no-op = the same copy built again. Cold and no-op
// builds alternate round by round so machine load hits both alike; the ratio is reported per round.
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
    public string Description => "Packed SDK size per runtime identifier and cold/no-op `dotnet build` of samples/Digits, interleaved; args: [rounds=3] [nupkg] (pack first: ./eng/pack.sh)";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var nupkg = args.Length > 1 ? Path.GetFullPath(args[1]) : DefaultPackage();
        if (!File.Exists(nupkg))
        {
            throw new FileNotFoundException($"No packed SDK at '{nupkg}': run ./eng/pack.sh first.", nupkg);
        }

        var machine = MachineInfo.Current();
        var loadBefore = LoadAverage();
        var size = PackageSize(nupkg);
        var builds = BuildTimes(nupkg, rounds);
        return new
        {
            command = $"dotnet run -c Release --project bench/EdgeSdk.Bench -- {Name} {rounds}",
            cpu = machine.CpuModel,
            logicalCores = machine.LogicalCores,
            isa = string.Join(' ', machine.IsaFlags),
            int8Isa = machine.IsaFlags.Contains("avx512_vnni") ? "avx512_vnni" : machine.IsaFlags.Contains("avx2") ? "avx2" : "other",
            loadAverageBefore = loadBefore,
            loadAverageAfter = LoadAverage(),
            ortPackage = $"Microsoft.ML.OnnxRuntime {OrtRuntime.PackageVersion}",
            package = size,
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

    private static object BuildTimes(string nupkg, int rounds)
    {
        var root = TestPaths.NewTempDir("bench-build");
        var feed = Path.Combine(root, "feed");
        Directory.CreateDirectory(feed);
        File.Copy(nupkg, Path.Combine(feed, Path.GetFileName(nupkg)));
        var packagesFolder = Path.Combine(root, "nuget-packages");

        // An untimed first build extracts the SDK package into the NuGet cache and starts the build servers.
        Build(Copy(root, "prime", feed, packagesFolder), Path.Combine(root, "cache-prime"));
        var cold = new List<double>();
        var noop = new List<double>();
        var ratios = new List<double>();
        for (var r = 0; r < rounds; r++)
        {
            var project = Copy(root, $"round{r}", feed, packagesFolder);
            var cache = Path.Combine(root, $"cache-{r}");
            var c = Build(project, cache);
            var n = Build(project, cache);
            cold.Add(c);
            noop.Add(n);
            ratios.Add(Math.Round(n / c, 4));
        }

        return new
        {
            project = "samples/Digits (digits_cnn, passes: fuse; evaluation with latency warmup 20, runs 200)",
            definition = "cold: fresh copy, no bin/obj, empty EdgeCacheDir, SDK package already extracted, build servers running; no-op: the same copy built again",
            buildCommand = "dotnet build -c Release -nologo -v:q -p:EdgeCacheDir=EMPTY_DIR",
            rounds,
            coldSeconds = cold.Select(v => Math.Round(v, 2)).ToList(),
            noOpSeconds = noop.Select(v => Math.Round(v, 2)).ToList(),
            coldMedianSeconds = Math.Round(Median(cold), 2),
            noOpMedianSeconds = Math.Round(Median(noop), 2),
            noOpOverColdPerRound = ratios,
            noOpOverColdMedian = Math.Round(Median(ratios), 4),
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

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : string.Empty;
}
