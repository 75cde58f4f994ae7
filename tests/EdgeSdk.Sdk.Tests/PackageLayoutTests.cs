// The SDK package carries ONNX Runtime for every supported build host: the managed assembly beside the
// task assembly, and one native library per runtime identifier under tasks/net10.0/runtimes/<rid>/native,
// at the paths the engine's resolver probes (OrtNativeLocator). Real builds only run on linux-x64 here,
// so the other hosts are checked by layout: each native file is present and is a library for its OS.
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
}
