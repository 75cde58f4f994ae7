// The SDK package carries ONNX Runtime for every supported build host: the managed assembly beside the
// task assembly, and one native library per runtime identifier under tasks/net10.0/runtimes/<rid>/native,
// at the paths the engine's resolver probes (OrtNativeLocator). Real builds only run on linux-x64 here,
// so the other hosts are checked by layout: each native file is present and is a library for its OS.
// ML.NET (the metrics' evaluators) is managed only: its assemblies sit beside the task assembly and none
// of its native helpers (trainers') is shipped.
using System.IO.Compression;
using System.Runtime.InteropServices;
using EdgeSdk.Runtime;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class PackageLayoutTests(SdkPackageFixture sdk)
{
    public static TheoryData<string> Rids() => new(OrtNativeLocator.SupportedRids);

    [Theory]
    [MemberData(nameof(Rids))]
    public void Every_build_host_finds_its_native_onnx_runtime_where_the_resolver_looks(string rid)
    {
        using var zip = ZipFile.OpenRead(sdk.PackagePath);
        var os = rid.StartsWith("win", StringComparison.Ordinal) ? OSPlatform.Windows : rid.StartsWith("osx", StringComparison.Ordinal) ? OSPlatform.OSX : OSPlatform.Linux;
        var entry = zip.GetEntry($"tasks/net10.0/runtimes/{rid}/native/{OrtNativeLocator.FileName(os)}");

        entry.Should().NotBeNull($"the package must carry ONNX Runtime for {rid}");
        entry!.Length.Should().BeGreaterThan(5_000_000, "a real ONNX Runtime build, not a stub");
        var magic = new byte[4];
        using (var stream = entry.Open())
        {
            stream.ReadExactly(magic);
        }

        var expected = os == OSPlatform.Windows ? new byte[] { (byte)'M', (byte)'Z' }
            : os == OSPlatform.OSX ? new byte[] { 0xCF, 0xFA, 0xED, 0xFE }
            : new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F' };
        magic.Take(expected.Length).Should().Equal(expected, $"{entry.FullName} must be a {os} library");
    }

    [Theory]
    [MemberData(nameof(Rids))]
    public void The_resolver_picks_each_hosts_own_library_from_the_package(string rid)
    {
        // The resolver's rule with the host's OS and architecture injected, over the package's real entry names.
        using var zip = ZipFile.OpenRead(sdk.PackagePath);
        var root = Path.GetFullPath(Path.Combine(Path.GetTempPath(), "edgesdk-package-root"));
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        var os = rid.StartsWith("win", StringComparison.Ordinal) ? OSPlatform.Windows : rid.StartsWith("osx", StringComparison.Ordinal) ? OSPlatform.OSX : OSPlatform.Linux;
        var architecture = rid.EndsWith("arm64", StringComparison.Ordinal) ? Architecture.Arm64 : Architecture.X64;

        var chosen = OrtNativeLocator.Resolve(os, architecture, null, [Path.Combine(root, "tasks", "net10.0")], p => names.Contains(Path.GetRelativePath(root, p).Replace('\\', '/')));

        chosen.Should().NotBeNull();
        Path.GetRelativePath(root, chosen!).Replace('\\', '/').Should().Be($"tasks/net10.0/runtimes/{rid}/native/{OrtNativeLocator.FileName(os)}");
    }

    [Fact]
    public void The_managed_ort_assembly_is_beside_the_tasks_and_nothing_a_build_never_loads_is_shipped()
    {
        using var zip = ZipFile.OpenRead(sdk.PackagePath);
        var names = zip.Entries.Select(e => e.FullName).ToList();

        names.Should().Contain("tasks/net10.0/EdgeSdk.Tasks.dll").And.Contain("tasks/net10.0/Microsoft.ML.OnnxRuntime.dll").And.Contain("tasks/net10.0/EdgeSdk.Tasks.deps.json");
        var rids = names.Where(n => n.StartsWith("tasks/net10.0/runtimes/", StringComparison.Ordinal)).Select(n => n.Split('/')[3]).Distinct().Order();
        rids.Should().Equal(OrtNativeLocator.SupportedRids.Order());
        names.Should().NotContain(n => n.EndsWith(".lib", StringComparison.Ordinal) || n.Contains("/android/", StringComparison.Ordinal) || n.Contains("/ios/", StringComparison.Ordinal));
        names.Should().NotContain(n => n.Contains("libonnxruntime.so.1", StringComparison.Ordinal), "the npm-fetched library is gone");
    }

    [Fact]
    public void MlNets_evaluator_assemblies_are_beside_the_tasks_without_its_native_helpers()
    {
        using var zip = ZipFile.OpenRead(sdk.PackagePath);
        var names = zip.Entries.Select(e => e.FullName).ToList();

        foreach (var assembly in new[] { "Microsoft.ML.Core", "Microsoft.ML.Data", "Microsoft.ML.DataView", "Microsoft.ML.CpuMath" })
        {
            names.Should().Contain($"tasks/net10.0/{assembly}.dll", "the metrics load it from beside EdgeSdk.Engine.dll");
        }

        using var deps = new StreamReader(zip.GetEntry("tasks/net10.0/EdgeSdk.Tasks.deps.json")!.Open());
        deps.ReadToEnd().Should().Contain("\"Microsoft.ML/5.0.1\"", "the resolver finds ML.NET through the task's deps.json");
        names.Should().NotContain(n => n.Contains("LdaNative", StringComparison.Ordinal) || n.Contains("CpuMathNative", StringComparison.Ordinal), "the evaluators load no native code");
    }
}
