// Failures surface as located EdgeExceptions: ORT's own errors as EDGE3003 with ORT's message, a missing
// native library as EDGE3001 listing every probed path.
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
        ex.Message.Should().Contain("Invalid input name: not_an_input");
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
            var candidates = OrtLibraryLocator.CandidatePaths(null, Path.Combine(dir, "engine"), Path.Combine(dir, "app"))
                .Where(p => p.StartsWith(dir, StringComparison.Ordinal)).Append(Path.Combine(dir, "garbage.so")).ToList();
            File.WriteAllText(candidates[^1], "not a library");

            var act = () => OrtLibrary.Load(candidates);

            var ex = act.Should().Throw<EdgeException>().Which;
            ex.Diagnostics[0].Code.Should().Be("EDGE3001");
            foreach (var path in candidates)
            {
                ex.Message.Should().Contain(path);
            }

            candidates.Should().HaveCountGreaterThan(4);
            ex.Message.Should().Contain("garbage.so (exists but could not be loaded)").And.Contain("EDGE_ONNXRUNTIME_PATH");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void An_explicit_path_is_the_only_candidate()
    {
        OrtLibraryLocator.CandidatePaths("/opt/ort/libonnxruntime.so.1", "/e/bin", "/a/bin").Should().Equal("/opt/ort/libonnxruntime.so.1");
        OrtLibraryLocator.CandidatePaths("/tmp", "/e/bin", "/a/bin").Should().Equal("/tmp/libonnxruntime.so.1");
    }

    [Fact]
    public void Locator_probes_in_the_documented_order()
    {
        var paths = OrtLibraryLocator.CandidatePaths(null, "/e/bin", "/a/bin");

        paths[0].Should().Be("/e/bin/runtimes/linux-x64/native/libonnxruntime.so.1");
        paths[1].Should().Be("/e/bin/libonnxruntime.so.1");
        paths[2].Should().Be("/a/bin/.tools/onnxruntime/linux-x64/libonnxruntime.so.1");
        paths.Should().Contain("/a/.tools/onnxruntime/linux-x64/libonnxruntime.so.1")
            .And.Contain("/e/.tools/onnxruntime/linux-x64/libonnxruntime.so.1")
            .And.OnlyHaveUniqueItems();
    }
}
