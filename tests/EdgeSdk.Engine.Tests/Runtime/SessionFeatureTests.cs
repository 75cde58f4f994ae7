// Session-level features of the binding: sequence and optional outputs, saving the ORT-optimized model
// in ONNX and ORT format, profiling, provider listing, cancellation and concurrent runs.
using System.Text.Json;
using EdgeSdk.Diagnostics;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class SessionFeatureTests
{
    private static readonly Dictionary<string, Tensor> AffineFeed = new()
    {
        ["x"] = Tensor.FromFloat([1f, 2f, 3f, 4f, -1f, -2f, 0.5f, 8f], 2, 4),
    };

    [Fact]
    public void Sequence_and_optional_outputs_are_surfaced_as_values()
    {
        using var session = InferenceSession.FromModel(TinyModels.SequenceAndOptional());
        var inputs = new Dictionary<string, RuntimeValue>
        {
            ["a"] = RuntimeValue.FromTensor(Tensor.FromFloat([1f, 2f], 2)),
            ["b"] = RuntimeValue.FromTensor(Tensor.FromFloat([3f, 4f, 5f], 3)),
        };

        var outputs = session.RunValues(inputs);

        session.Outputs.Select(o => o.Kind).Should().Equal(OnnxValueKind.Sequence, OnnxValueKind.Optional, OnnxValueKind.Optional);
        session.Outputs[0].ElementType.Should().Be(TensorElementType.Float);
        outputs["seq"].Kind.Should().Be(OnnxValueKind.Sequence);
        outputs["seq"].Items.Select(i => i.AsTensor("item").AsFloat()).Should().BeEquivalentTo(new[] { new[] { 1f, 2f }, new[] { 3f, 4f, 5f } }, o => o.WithStrictOrdering());
        outputs["some"].HasValue.Should().BeTrue();
        outputs["some"].AsTensor("some").AsFloat().Should().Equal(1f, 2f);
        outputs["none"].HasValue.Should().BeFalse();
    }

    [Fact]
    public void Run_on_a_sequence_output_gives_a_clear_error()
    {
        using var session = InferenceSession.FromModel(TinyModels.SequenceAndOptional());
        var feed = new Dictionary<string, Tensor> { ["a"] = Tensor.FromFloat([1f], 1), ["b"] = Tensor.FromFloat([2f], 1) };

        var act = () => session.Run(feed, ["seq"]);

        act.Should().Throw<EdgeException>().WithMessage("*EDGE3004*'seq*is a Sequence, not a tensor*RunValues*");
    }

    [Fact]
    public void Sequence_inputs_are_marshalled()
    {
        var model = TinyModels.SequenceAndOptional();
        using var session = InferenceSession.FromModel(model);
        var seq = RuntimeValue.Sequence([RuntimeValue.FromTensor(Tensor.FromFloat([7f], 1)), RuntimeValue.FromTensor(Tensor.FromFloat([8f, 9f], 2))]);

        using var native = RuntimeValueConverter.ToOrtValue(seq, "seq");

        native.IsPinned.Should().BeTrue("the float items are read in place");
        var back = RuntimeValueConverter.FromOrtValue(native.Value, "seq");
        back.Items.Select(i => i.AsTensor("i").AsFloat()).Should().BeEquivalentTo(new[] { new[] { 7f }, new[] { 8f, 9f } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Maps_are_marshalled_as_keys_and_values()
    {
        var map = RuntimeValue.Map(Tensor.FromInt64([3, 1, 2], 3), Tensor.FromFloat([0.5f, 1.5f, 2.5f], 3));

        using var native = RuntimeValueConverter.ToOrtValue(map, "m");

        var back = RuntimeValueConverter.FromOrtValue(native.Value, "m");
        back.Kind.Should().Be(OnnxValueKind.Map);
        var pairs = back.Items[0].AsTensor("keys").AsInt64().Zip(back.Items[1].AsTensor("values").AsFloat()).OrderBy(p => p.First).ToList();
        pairs.Should().Equal((1L, 1.5f), (2L, 2.5f), (3L, 0.5f));
    }

    [Fact]
    public void An_empty_sequence_input_is_created_by_ort()
    {
        using var native = EmptySequenceFactory.Create(TensorElementType.Float);

        var back = RuntimeValueConverter.FromOrtValue(native, "empty");
        back.Kind.Should().Be(OnnxValueKind.Sequence);
        back.Items.Should().BeEmpty();
    }

    [Theory]
    [InlineData(false, "optimized.onnx")]
    [InlineData(true, "optimized.ort")]
    public void Optimized_model_is_saved_and_loads_back_with_the_same_outputs(bool ortFormat, string fileName)
    {
        var dir = TestPaths.NewTempDir("runtime-optimized");
        try
        {
            var path = Path.Combine(dir, fileName);
            var options = new SessionOptions { OptimizedModelFilePath = path, SaveOrtFormat = ortFormat };
            using var original = InferenceSession.FromModel(TinyModels.AffineWithFoldableConstant(), options);
            var expected = original.Run(AffineFeed)["y"].AsFloat();

            File.Exists(path).Should().BeTrue();
            var header = File.ReadAllBytes(path);
            if (ortFormat)
            {
                System.Text.Encoding.ASCII.GetString(header, 4, 4).Should().Be("ORTM");
            }
            else
            {
                var graph = EdgeSdk.Onnx.ModelFile.Load(path).Graph;
                graph.Node.Should().HaveCount(3).And.NotContain(n => n.Output.Contains("two_again"), "ORT folds the constant Add into an initializer");
                graph.Initializer.Should().Contain(t => t.Name == "two_again");
            }

            using var reloaded = InferenceSession.FromFile(path);
            reloaded.Run(AffineFeed)["y"].AsFloat().Should().Equal(expected);
            expected.Should().Equal(1.5f, 2.5f, 3.5f, 4.5f, -0.5f, -1.5f, 1f, 8.5f);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Profiling_writes_a_json_trace_with_node_events()
    {
        var dir = TestPaths.NewTempDir("runtime-profile");
        try
        {
            using var session = InferenceSession.FromModel(TinyModels.AffineWithFoldableConstant(), new SessionOptions { ProfilingFilePrefix = Path.Combine(dir, "prof") });
            session.Run(AffineFeed);

            var path = session.EndProfiling();

            File.Exists(path).Should().BeTrue();
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var events = json.RootElement.EnumerateArray().ToList();
            events.Should().NotBeEmpty();
            events.Should().Contain(e => e.GetProperty("cat").GetString() == "Node");
            events.Should().Contain(e => e.GetProperty("name").GetString() == "model_run");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Available_providers_include_the_cpu_provider()
    {
        var runtime = OrtRuntime.Instance;

        runtime.Providers.Should().Contain("CPUExecutionProvider").And.OnlyHaveUniqueItems();
        runtime.Version.Should().Be("1.31.1");
        OrtRuntime.PackageVersion.Should().Be("1.31.1");
    }

    [Fact]
    public void A_cancelled_token_terminates_the_run_with_EDGE3006()
    {
        using var session = InferenceSession.FromModel(TinyModels.MatMulChain(8, 2));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var feed = new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(new float[64], 8, 8) };

        var act = () => session.Run(feed, null, cts.Token);

        act.Should().Throw<EdgeException>().Where(e => e.Diagnostics[0].Code == "EDGE3006").WithMessage("*was cancelled*terminate*");
    }

    [Fact]
    public void Cancelling_mid_run_stops_a_long_run()
    {
        // About 5 s of work when not cancelled; a dedicated thread cancels after 150 ms (timers can starve
        // on a busy thread pool).
        using var session = InferenceSession.FromModel(TinyModels.MatMulChain(384, 2000));
        using var cts = new CancellationTokenSource();
        var feed = new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat(Enumerable.Repeat(0.01f, 384 * 384).ToArray(), 384, 384) };
        var canceller = new Thread(() =>
        {
            Thread.Sleep(150);
            cts.Cancel();
        });
        canceller.Start();

        var act = () => session.Run(feed, null, cts.Token);

        act.Should().Throw<EdgeException>().Where(e => e.Diagnostics[0].Code == "EDGE3006").WithMessage("*Exiting due to terminate flag*");
        canceller.Join();
    }

    [Fact]
    public void Concurrent_runs_from_several_threads_give_the_sequential_results()
    {
        using var session = InferenceSession.FromFile(TestPaths.Model("digits_cnn"));
        var x = FixtureModels.TestX("digits");
        var slices = Enumerable.Range(0, 16).Select(i => x.SliceRows(i * 10, 10)).ToArray();
        var expected = slices.Select(s => session.Run(FixtureModels.Feed(session, s))[session.Outputs[0].Name].AsFloat()).ToArray();
        var actual = new float[slices.Length][];

        Parallel.For(0, slices.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var k = i % slices.Length;
            var result = session.Run(FixtureModels.Feed(session, slices[k]))[session.Outputs[0].Name].AsFloat();
            result.Should().Equal(expected[k]);
            actual[k] = result;
        });

        actual.Should().AllSatisfy(a => a.Should().NotBeNull());
    }
}
