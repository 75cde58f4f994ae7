// Failures surface as located EdgeExceptions: ORT's own errors as EDGE3003 with ORT's message, a missing
// native library as EDGE3001 listing every probed path.
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class InferenceSessionErrorTests
{
    [Fact]
    public void Garbage_bytes_give_EDGE3003_with_orts_message()
    {
        var act = () => InferenceSession.FromBytes([1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var ex = act.Should().Throw<EdgeException>().Which;
        ex.Diagnostics[0].Code.Should().Be("EDGE3003");
        OrtError.CodeOf(ex).Should().Be(OrtErrorCode.InvalidProtobuf);
        ex.Message.Should().Contain("ONNX Runtime failed while loading").And.Contain("protobuf parsing failed");
    }

    [Fact]
    public void Wrong_input_name_gives_EDGE3003_naming_it()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("digits_mlp"));
        var x = Tensor.FromFloat(new float[64], 1, 1, 8, 8);

        var act = () => session.Run(new Dictionary<string, Tensor> { ["not_an_input"] = x });

        var ex = act.Should().Throw<EdgeException>().Which;
        ex.Diagnostics[0].Code.Should().Be("EDGE3003");
        OrtError.CodeOf(ex).Should().Be(OrtErrorCode.InvalidArgument);
        ex.Message.Should().Contain("not_an_input").And.Contain("is not in the metadata");
    }

    [Fact]
    public void Wrong_shape_gives_EDGE3003_with_the_dimensions()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("digits_mlp"));
        session.Inputs[0].Shape.Should().Equal(-1, 1, 8, 8);
        var x = Tensor.FromFloat(new float[56], 1, 1, 8, 7);

        var act = () => session.Run(FixtureModels.Feed(session, x));

        var ex = act.Should().Throw<EdgeException>().Which;
        ex.Diagnostics[0].Code.Should().Be("EDGE3003");
        OrtError.CodeOf(ex).Should().Be(OrtErrorCode.InvalidArgument);
        ex.Message.Should().Contain("Got invalid dimensions").And.Contain("Got: 7 Expected: 8");
    }

    [Fact]
    public void Missing_library_gives_EDGE3001_listing_every_probed_path()
    {
        var dir = TestPaths.NewTempDir("runtime-nolib");
        try
        {
            var candidates = OrtNativeLocator.CandidatePaths(null, "linux-x64", "libonnxruntime.so", [Path.Combine(dir, "engine"), Path.Combine(dir, "app")])
                .Append(Path.Combine(dir, "garbage.so")).ToList();
            File.WriteAllText(candidates[^1], "not a library");
            var failures = new List<string>();

            var handle = OrtNativeResolver.LoadFirst(candidates, failures, out var loaded);
            var ex = OrtRuntime.NotLoadable(failures, explicitPath: false, inner: null);

            handle.Should().Be(0);
            loaded.Should().BeNull();
            ex.Diagnostics[0].Code.Should().Be("EDGE3001");
            foreach (var path in candidates)
            {
                ex.Message.Should().Contain(path);
            }

            candidates.Should().HaveCount(5);
            ex.Message.Should().Contain("garbage.so (exists but could not be loaded)").And.Contain("EDGE_ONNXRUNTIME_PATH").And.Contain("linux-arm64");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_explicit_path_is_the_only_candidate()
    {
        OrtNativeLocator.CandidatePaths("/opt/ort/libonnxruntime.so", "linux-x64", "libonnxruntime.so", ["/e/bin"]).Should().Equal("/opt/ort/libonnxruntime.so");
        OrtNativeLocator.CandidatePaths("/tmp", "linux-x64", "libonnxruntime.so", ["/e/bin"]).Should().Equal("/tmp/libonnxruntime.so");
    }

    [Fact]
    public void Locator_probes_the_host_rid_folder_first()
    {
        var paths = OrtNativeLocator.CandidatePaths(null, "osx-arm64", "libonnxruntime.dylib", ["/ort/lib", "/e/bin", "/ort/lib"]);

        paths.Should().Equal(
            "/ort/lib/runtimes/osx-arm64/native/libonnxruntime.dylib",
            "/e/bin/runtimes/osx-arm64/native/libonnxruntime.dylib",
            "/ort/lib/libonnxruntime.dylib",
            "/e/bin/libonnxruntime.dylib");
    }

    [Theory]
    [InlineData("linux", Architecture.X64, "linux-x64", "libonnxruntime.so")]
    [InlineData("linux", Architecture.Arm64, "linux-arm64", "libonnxruntime.so")]
    [InlineData("osx", Architecture.Arm64, "osx-arm64", "libonnxruntime.dylib")]
    [InlineData("windows", Architecture.X64, "win-x64", "onnxruntime.dll")]
    [InlineData("windows", Architecture.Arm64, "win-arm64", "onnxruntime.dll")]
    [InlineData("osx", Architecture.X64, null, "libonnxruntime.dylib")]
    [InlineData("linux", Architecture.X86, null, "libonnxruntime.so")]
    public void Each_build_host_maps_to_the_package_rid_it_needs(string os, Architecture architecture, string? rid, string fileName)
    {
        var platform = os == "windows" ? OSPlatform.Windows : os == "osx" ? OSPlatform.OSX : OSPlatform.Linux;

        OrtNativeLocator.RidFor(platform, architecture).Should().Be(rid);
        OrtNativeLocator.FileName(platform).Should().Be(fileName);
    }

    [Fact]
    public void The_library_is_loaded_through_the_engine_resolver_on_this_host()
    {
        var runtime = OrtRuntime.Instance;

        OrtNativeLocator.HostRid().Should().Be("linux-x64");
        runtime.LibraryPath.Should().NotBeNull().And.EndWith(Path.Combine("runtimes", "linux-x64", "native", "libonnxruntime.so"));
    }

    [Theory]
    [InlineData("[ErrorCode:InvalidArgument] Invalid input name: q", 2, "Invalid input name: q")]
    [InlineData("[ErrorCode:ShapeInferenceNotRegistered] ep failed", 11, "ep failed")]
    [InlineData("[ErrorCode:14] not found", 14, "not found")]
    [InlineData("no prefix", 1, "no prefix")]
    public void Orts_managed_messages_are_split_into_code_and_message(string managed, int code, string message)
    {
        OrtError.Parse(managed).Should().Be(((OrtErrorCode)code, message));
    }
}
