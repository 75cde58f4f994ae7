// The native-library rule for every build host, with the host's OS and architecture injected: in a folder
// laid out like the SDK package's tasks/net10.0 (one runtimes/<rid>/native/ library per supported RID), each
// host picks its own RID's library, never another's; a host without a package RID (osx-x64, linux-x86)
// gets nothing rather than a wrong library. Only linux-x64 loads for real here; the rest is the same rule.
using System.Runtime.InteropServices;
using EdgeSdk.Runtime;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class OrtNativeLocatorTests
{
    public static TheoryData<string, Architecture, string> Hosts() => new()
    {
        { "linux", Architecture.X64, "runtimes/linux-x64/native/libonnxruntime.so" },
        { "linux", Architecture.Arm64, "runtimes/linux-arm64/native/libonnxruntime.so" },
        { "windows", Architecture.X64, "runtimes/win-x64/native/onnxruntime.dll" },
        { "windows", Architecture.Arm64, "runtimes/win-arm64/native/onnxruntime.dll" },
        { "osx", Architecture.Arm64, "runtimes/osx-arm64/native/libonnxruntime.dylib" },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Each_host_resolves_its_own_rid_folder_in_the_package_layout(string os, Architecture architecture, string expected)
    {
        var tasks = PackageLayout();

        var chosen = OrtNativeLocator.Resolve(Platform(os), architecture, null, [tasks, Path.Combine(tasks, "app")], File.Exists);

        chosen.Should().Be(Path.Combine(tasks, expected));
        OrtNativeLocator.SupportedRids.Should().Contain(expected.Split('/')[1]);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Without_its_rid_folder_a_host_falls_back_to_the_library_beside_the_assembly_never_to_another_rid(string os, Architecture architecture, string expected)
    {
        var tasks = PackageLayout();
        Directory.Delete(Path.GetDirectoryName(Path.Combine(tasks, expected))!, recursive: true);

        var chosen = OrtNativeLocator.Resolve(Platform(os), architecture, null, [tasks], File.Exists);

        chosen.Should().BeNull("no other RID's library may be picked");
        var beside = Path.Combine(tasks, Path.GetFileName(expected));
        File.WriteAllText(beside, "library");
        OrtNativeLocator.Resolve(Platform(os), architecture, null, [tasks], File.Exists).Should().Be(beside);
    }

    [Theory]
    [InlineData("osx", Architecture.X64)]
    [InlineData("linux", Architecture.X86)]
    [InlineData("windows", Architecture.Arm)]
    public void A_host_without_a_package_rid_gets_no_library_from_the_package(string os, Architecture architecture)
    {
        var tasks = PackageLayout();

        OrtNativeLocator.Resolve(Platform(os), architecture, null, [tasks], File.Exists).Should().BeNull();
    }

    [Fact]
    public void An_explicit_path_wins_on_every_host()
    {
        var tasks = PackageLayout();
        var custom = Path.Combine(tasks, "custom", "onnxruntime.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(custom)!);
        File.WriteAllText(custom, "library");

        OrtNativeLocator.Resolve(OSPlatform.Windows, Architecture.Arm64, Path.GetDirectoryName(custom), [tasks], File.Exists).Should().Be(custom);
        OrtNativeLocator.Resolve(OSPlatform.Linux, Architecture.X64, Path.Combine(tasks, "missing.so"), [tasks], File.Exists).Should().BeNull("a wrong explicit path is reported, never replaced");
    }

    [Fact]
    public void This_host_resolves_the_library_the_runtime_loaded()
    {
        var folder = Path.GetDirectoryName(typeof(Microsoft.ML.OnnxRuntime.OrtEnv).Assembly.Location)!;

        var chosen = OrtNativeLocator.Resolve(OrtNativeLocator.HostOs(), RuntimeInformation.ProcessArchitecture, null, [folder, AppContext.BaseDirectory], File.Exists);

        chosen.Should().Be(OrtRuntime.Instance.LibraryPath);
    }

    private static OSPlatform Platform(string os) => os == "windows" ? OSPlatform.Windows : os == "osx" ? OSPlatform.OSX : OSPlatform.Linux;

    // tasks/net10.0 as the SDK package ships it: one stub library per supported RID, the file name of its OS.
    private static string PackageLayout()
    {
        var tasks = Path.Combine(TestPaths.NewTempDir("ort-layout"), "tasks", "net10.0");
        foreach (var rid in OrtNativeLocator.SupportedRids)
        {
            var os = rid.StartsWith("win", StringComparison.Ordinal) ? OSPlatform.Windows : rid.StartsWith("osx", StringComparison.Ordinal) ? OSPlatform.OSX : OSPlatform.Linux;
            var path = Path.Combine(tasks, "runtimes", rid, "native", OrtNativeLocator.FileName(os));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, rid);
        }

        return tasks;
    }
}
