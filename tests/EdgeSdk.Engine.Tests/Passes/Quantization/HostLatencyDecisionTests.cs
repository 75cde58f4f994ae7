// The host-latency decision of the quantize pass: its rules with injected times (deterministic, no
// milliseconds gated on), the mapping of ONNX Runtime's profiled node names back to layers on the fixture
// models (fusions rename nodes), and the real decision's consistency on this host whatever its ISA: every
// timed layer has both timings, the decisions follow the timings and the margin, and the result is not
// slower than the float input by the decision's own whole-model measurement. Weight-only 4-bit (MatMulNBits)
// is decided the same way.
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Targets;

namespace EdgeSdk.Engine.Tests.Quantization;

public class HostLatencyDecisionTests
{
    private static readonly MachineInfo Machine = MachineInfo.FromCpuInfo("model name\t: Test CPU 9000\nflags\t\t: sse4_2 avx avx2 fma\n");

    [Theory]
    [InlineData("digits_cnn", "digits", "static")]
    [InlineData("digits_mlp", "digits", "static")]
    [InlineData("digits32_mobilenet", "digits32", "static")]
    [InlineData("digits_transformer", "digits", "dynamic")]
    [InlineData("digits_mlp", "digits", "weight_only")]
    [InlineData("digits_transformer", "digits", "weight_only")]
    public void ProfiledNodesMapBackToEveryTimedLayer(string model, string set, string mode)
    {
        var fused = QuantizationTestKit.Fused(model);
        var quantized = QuantizationTestKit.Quantize(fused, set, QuantizationTestKit.Parameters(("mode", mode), ("calibration_samples", 32L), ("sqnr_samples", 0L))).Model;
        var layers = TimedLayers(fused, quantized);
        layers.Should().NotBeEmpty();

        var data = PassHarness.Set(set, "test");
        var inputs = DataFeeds.TimingBatch(fused, fused.RealInputs.Select(i => i.Name).ToList(), data, 1);
        var timings = new OrtHostLatencyTimer().TimeLayers(fused, quantized, layers, new HostTimingSettings(inputs, 1, 1, EdgeSdk.Tests.TestPaths.NewTempDir("hostlatency")));

        timings.Float.Layers.Keys.Should().BeEquivalentTo(layers, $"every layer of the float model is found in its profile (unattributed: {string.Join(", ", timings.Float.Unattributed)})");
        timings.Int8.Layers.Keys.Should().BeEquivalentTo(layers, $"every quantized layer is found in the int8 profile (unattributed: {string.Join(", ", timings.Int8.Unattributed)})");
        timings.Float.Layers.Values.Concat(timings.Int8.Layers.Values).Should().OnlyContain(ms => ms > 0);
        timings.RunsPerModel.Should().BeGreaterThanOrEqualTo(timings.Rounds * 2);
    }

    [Fact]
    public void ASlowerLayerReturnsToFloatAndTheRestStayInt8()
    {
        var (fused, layers) = Cnn();
        var slow = layers[0];
        var timer = new FakeTimer(l => l == slow ? 2.0 : l == layers[1] ? 1.04 : 0.5, floatMs: 10, quantizedMs: 8, mixedMs: 6);
        var result = Run(fused, timer);

        result.Figures["host_latency_float_layers"].Should().Be(1);
        result.Figures["host_latency_all_float"].Should().Be(0);
        var table = Table(result);
        table.Rows.Single(r => r[0] == slow)[5].Should().StartWith("float (int8 slower by more than the 5 % margin)");
        table.Rows.Single(r => r[0] == layers[1])[5].Should().Be("int8", "1.04x is inside the 5 % noise margin");
        table.Rows.Where(r => layers.Contains(r[0])).Should().HaveCount(layers.Count, "every timed layer has a row");
        result.Tables.Single(t => t.Title == "Layers kept in float").Rows.Single(r => r[0] == slow)[2].Should().StartWith("host latency decision", "the float-kept layer names the step that decided it");
        result.Model.Producer(result.Model.Nodes.Single(n => n.Name == slow).Input[1]).Should().BeNull("the slower layer's weight is a float initializer again");
        result.Facts["host_latency_cpu"].Should().Be("Test CPU 9000");
        result.Facts["host_latency_isa"].Should().Be("avx avx2 fma sse4_2");
        result.HostDependent.Should().BeTrue("the output depends on the build host, so the step cache keys it by CPU");
        timer.ModelSets.Should().ContainSingle().Which.Should().Be(3, "float, all-int8 and mixed are timed together");
    }

    [Fact]
    public void WeightOnlyReturnsASlowerMatMulNBitsLayerToItsFloatMatMul()
    {
        var fused = QuantizationTestKit.Fused("digits_mlp");
        var parameters = QuantizationTestKit.Parameters(("mode", "weight_only"), ("sqnr_samples", 0L));
        var layers = TimedLayers(fused, QuantizationTestKit.Quantize(fused, "digits", parameters).Model);
        layers.Should().HaveCountGreaterThan(1);
        var slow = layers[0];
        var timer = new FakeTimer(l => l == slow ? 2.0 : 0.5, floatMs: 10, quantizedMs: 8, mixedMs: 6);
        var pass = new QuantizePass([("host latency", new HostLatencyDecision(timer, Machine))]);
        var result = pass.Run(PassHarness.Context(fused.Clone(), fused, QuantizationTestKit.Parameters(("mode", "weight_only"), ("host_latency", true), ("sqnr_samples", 0L)), Sets()));

        timer.ModelSets.Should().ContainSingle().Which.Should().Be(3, "float, all-4-bit and mixed are timed together");
        result.Figures["host_latency_float_layers"].Should().Be(1);
        result.Figures["host_latency_timed_layers"].Should().Be(layers.Count);
        var table = Table(result);
        table.Columns.Should().Contain(["4-bit ms", "4-bit/float"]);
        table.Rows.Single(r => r[0] == slow)[5].Should().StartWith("float (4-bit slower by more than the 5 % margin)");
        table.Rows.Where(r => layers.Skip(1).Contains(r[0])).Should().OnlyContain(r => r[5] == "4-bit").And.HaveCount(layers.Count - 1);
        result.Model.Nodes.Should().Contain(n => n.Name == slow && n.OpType == fused.Nodes.Single(f => f.Name == slow).OpType, "the slower layer is its float operator again");
        result.Model.Nodes.Count(n => n.OpType == "MatMulNBits").Should().Be(layers.Count - 1);
        result.Summary.Should().Contain(s => s.StartsWith("host latency:", StringComparison.Ordinal) && s.Contains("faster in 4-bit", StringComparison.Ordinal));
        result.Facts["host_latency_cpu"].Should().Be("Test CPU 9000");
        result.Facts["host_latency_choice"].Should().Be("mixed");
        result.HostDependent.Should().BeTrue();
    }

    [Fact]
    public void WhenNoQuantizedVariantBeatsFloatEveryLayerStaysFloat()
    {
        var (fused, layers) = Cnn();
        var timer = new FakeTimer(l => l == layers[0] ? 3.0 : 0.9, floatMs: 5, quantizedMs: 5.5, mixedMs: 5.0);
        var result = Run(fused, timer);

        result.Figures["host_latency_all_float"].Should().Be(1);
        result.Model.OpCounts().Keys.Should().NotContain(["QuantizeLinear", "DequantizeLinear"], "a mixed model as fast as float is not faster: ties go to float");
        result.Model.OpCounts().Should().BeEquivalentTo(fused.OpCounts());
        Table(result).Rows.Where(r => layers.Contains(r[0])).Should().OnlyContain(r => r[5].StartsWith("float (whole model", StringComparison.Ordinal));
        result.Summary.Should().Contain(s => s.Contains("kept every layer float", StringComparison.Ordinal));
    }

    [Fact]
    public void AllInt8IsKeptWhenItBeatsTheMixedModel()
    {
        var (fused, layers) = Cnn();
        var timer = new FakeTimer(l => l == layers[0] ? 1.5 : 0.5, floatMs: 10, quantizedMs: 6, mixedMs: 7);
        var result = Run(fused, timer);

        result.Figures["host_latency_float_layers"].Should().Be(0);
        Table(result).Rows.Single(r => r[0] == layers[0])[5].Should().Contain("whole model was not faster with the slower layers float");
        result.Tables.Should().NotContain(t => t.Title == "Layers kept in float" && t.Rows.Any(r => r[2].StartsWith("host latency", StringComparison.Ordinal)));
    }

    [Fact]
    public void ATargetWithAnotherInt8KernelClassIsToldTheDecisionIsTheHosts()
    {
        var (fused, _) = Cnn();
        var hostClass = HostLatencyRules.Int8KernelClass(HostTargetProbe.Profile.IsaFeatures);
        var other = new TargetProfile { Name = "other-cpu", IsaFeatures = hostClass == "avx2" ? ["neon", "dotprod"] : ["sse4_2", "avx", "avx2", "fma"] };
        var diagnostics = new List<EdgeSdk.Diagnostics.EdgeDiagnostic>();
        var result = Run(fused, new FakeTimer(_ => 0.5, 10, 5, null), other, diagnostics);

        result.Facts.Should().ContainKey("host_latency_target_note").WhoseValue.Should().Contain("'other-cpu'").And.Contain(hostClass);
        diagnostics.Should().Contain(d => d.Code == "EDGE2111");

        var onHost = Run(fused, new FakeTimer(_ => 0.5, 10, 5, null));
        onHost.Facts.Should().NotContainKey("host_latency_target_note");
        onHost.Facts["host_latency_choice"].Should().Be("quantized");
    }

    [Fact]
    public void OffByDefaultAndOffLeavesTheModelAlone()
    {
        var (fused, _) = Cnn();
        var timer = new FakeTimer(_ => 5, 1, 9, 9);
        var pass = new QuantizePass([("host latency", new HostLatencyDecision(timer, Machine))]);
        var result = pass.Run(PassHarness.Context(fused.Clone(), fused, QuantizationTestKit.Parameters(("calibration_samples", 32L), ("sqnr_samples", 0L)), Sets()));
        timer.ModelSets.Should().BeEmpty();
        result.Figures.Should().NotContainKey("host_latency_float_ms");
        result.Facts.Should().BeEmpty();
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.05, false)]
    [InlineData(1.0, 1.05, 0.05, false)]
    [InlineData(1.0, 1.0501, 0.05, true)]
    [InlineData(1.0, 1.01, 0, true)]
    public void TheMarginDecidesSlower(double floatMs, double int8Ms, double margin, bool slower)
    {
        var timings = new LayerTimings(new ModelLayerTimes(new Dictionary<string, double> { ["a"] = floatMs }, 0, []), new ModelLayerTimes(new Dictionary<string, double> { ["a"] = int8Ms }, 0, []), 1, 2);
        HostLatencyRules.Judge([("a", "Conv")], timings, margin).Single().Int8Slower.Should().Be(slower);
    }

    [Theory]
    [InlineData(10, 8, null, "Quantized")]
    [InlineData(10, 8, 7.0, "Mixed")]
    [InlineData(10, 8, 7.8, "Quantized")] // faster, but inside the 5 % margin: the all-int8 model has fewer Q/DQ borders
    [InlineData(10, 8, 9.0, "Quantized")]
    [InlineData(10, 10, null, "Float")]
    [InlineData(10, 12, 10.0, "Float")]
    [InlineData(10, 12, 9.9, "Mixed")]
    public void TheWholeModelCheckNeverKeepsASlowerModel(double floatMs, double quantizedMs, double? mixedMs, string expected) =>
        HostLatencyRules.Choose(floatMs, quantizedMs, mixedMs, 0.05).ToString().Should().Be(expected);

    [Fact]
    public void ProfileTimesSkipWarmUpRunsPerNode()
    {
        const string json = """
            [{"cat":"Session","name":"session_initialization","dur":900},
             {"cat":"Node","name":"a_kernel_time","dur":50},{"cat":"Node","name":"a_fence_before","dur":1},{"cat":"Node","name":"b_kernel_time","dur":7},
             {"cat":"Node","name":"a_kernel_time","dur":10},{"cat":"Node","name":"b_kernel_time","dur":3},
             {"cat":"Node","name":"a_kernel_time","dur":12}]
            """;
        var times = OrtProfile.NodeTimes(json, 1);
        times["a"].Should().Equal(10, 12);
        times["b"].Should().Equal(3);
        OrtProfile.RobustMeanMs([10, 12, 11, 10, 11, 12, 10, 11, 12, 1000]).Should().BeApproximately(0.011, 1e-9, "the slowest tenth (a preemption) is dropped");
    }

    [Theory]
    [InlineData("digits_cnn", "digits")]
    [InlineData("digits32_mobilenet", "digits32")]
    [InlineData("digits_transformer", "digits", "weight_only")]
    public void OnThisHostEveryDecisionFollowsItsTimingsAndTheResultIsNotSlowerThanFloat(string model, string set, string mode = "static")
    {
        var fused = QuantizationTestKit.Fused(model);
        var result = QuantizationTestKit.Quantize(fused, set, QuantizationTestKit.Parameters(("mode", mode), ("host_latency", true), ("calibration_samples", 64L), ("sqnr_samples", 0L)));
        var q = mode == "weight_only" ? "4-bit" : "int8";

        var table = Table(result);
        var layerRows = table.Rows.Where(r => r[1] != "-").ToList();
        layerRows.Should().HaveCount((int)result.Figures["host_latency_timed_layers"]).And.NotBeEmpty();
        layerRows.Should().OnlyContain(r => r[2] != "-" && r[3] != "-", "every timed layer has its float and its int8 time");
        var choice = result.Facts["host_latency_choice"];
        foreach (var row in layerRows)
        {
            var ratio = double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture);
            var (floatLayerMs, int8LayerMs) = (double.Parse(row[2], System.Globalization.CultureInfo.InvariantCulture), double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture));
            if (Math.Abs(int8LayerMs - (floatLayerMs * 1.05)) < 2e-4)
            {
                continue; // the table rounds to 0.1 µs: too close to the margin to tell from the text
            }

            var slower = int8LayerMs > floatLayerMs * 1.05;
            var expected = choice switch
            {
                "float" => "float (whole model",
                "mixed" => slower ? $"float ({q} slower" : q,
                _ => slower ? $"{q} (slower alone" : q,
            };
            row[5].Should().StartWith(expected, $"{row[0]}: ratio {ratio}, choice {choice}");
        }

        var floatMs = result.Figures["host_latency_float_ms"];
        var chosenMs = choice switch { "float" => floatMs, "mixed" => result.Figures["host_latency_mixed_ms"], _ => result.Figures["host_latency_int8_ms"] };
        chosenMs.Should().BeLessThanOrEqualTo(floatMs, "the decision never keeps a variant its own interleaved measurement found slower than float");
        if (choice == "float")
        {
            result.Model.OpCounts().Should().NotContainKeys("QuantizeLinear", "com.microsoft.MatMulNBits");
        }

        result.Facts["host_latency_isa"].Should().Be(string.Join(' ', MachineInfo.Current().IsaFlags));
        result.Facts["host_latency_int8_class"].Should().Be(HostLatencyRules.Int8KernelClass(HostTargetProbe.Profile.IsaFeatures));
    }

    private static List<string> TimedLayers(ModelGraph fused, ModelGraph quantized)
    {
        var names = fused.Nodes.Where(n => HostLatencyRules.TimedOps.Contains(n.OpType)).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var convInt8 = quantized.Nodes.Where(n => names.Contains(n.Name)).Where(n => n.Input.Any(i => quantized.Producer(i)?.OpType is "DequantizeLinear" or "DynamicQuantizeLinear")).Select(n => n.Name);
        var dynamic = quantized.Nodes.Where(n => n.OpType == "MatMulInteger").Select(n => n.Name[..^"_MatMulInteger".Length]);
        var weightOnly = quantized.Nodes.Where(n => n.OpType == "MatMulNBits").Select(n => n.Name[..^"_MatMulNBits".Length]);
        return convInt8.Concat(dynamic.Where(names.Contains)).Concat(weightOnly.Where(names.Contains)).Distinct().ToList();
    }

    private static (ModelGraph Fused, List<string> Layers) Cnn()
    {
        var fused = QuantizationTestKit.Fused("digits_cnn");
        var quantized = QuantizationTestKit.Quantize(fused, "digits", QuantizationTestKit.Parameters(("calibration_samples", 32L), ("sqnr_samples", 0L))).Model;
        return (fused, TimedLayers(fused, quantized));
    }

    private static DataSets Sets() => new(PassHarness.Set("digits", "train"), null, PassHarness.Set("digits", "test"));

    private static PassResult Run(ModelGraph fused, FakeTimer timer, TargetProfile? target = null, List<EdgeSdk.Diagnostics.EdgeDiagnostic>? diagnostics = null)
    {
        var pass = new QuantizePass([("host latency", new HostLatencyDecision(timer, Machine))]);
        return pass.Run(PassHarness.Context(fused.Clone(), fused, QuantizationTestKit.Parameters(("host_latency", true), ("calibration_samples", 32L), ("sqnr_samples", 0L)), Sets(), target: target, diagnostics: diagnostics));
    }

    private static ReportTable Table(PassResult result) => result.Tables.Single(t => t.Title.StartsWith("Host latency per layer", StringComparison.Ordinal));

    private sealed class FakeTimer(Func<string, double> int8Ratio, double floatMs, double quantizedMs, double? mixedMs) : IHostLatencyTimer
    {
        public List<int> ModelSets { get; } = [];

        public LayerTimings TimeLayers(ModelGraph floatModel, ModelGraph int8Model, IReadOnlyList<string> layers, HostTimingSettings settings) => new(
            new ModelLayerTimes(layers.ToDictionary(l => l, _ => 1.0), 0.1, ["ReorderOutput"]),
            new ModelLayerTimes(layers.ToDictionary(l => l, int8Ratio), 0.2, ["Transpose"]),
            10,
            40);

        public IReadOnlyList<double> TimeModels(IReadOnlyList<ModelGraph> models, HostTimingSettings settings)
        {
            ModelSets.Add(models.Count);
            return models.Count == 3 ? [floatMs, quantizedMs, mixedMs ?? quantizedMs] : [floatMs, quantizedMs];
        }
    }
}
