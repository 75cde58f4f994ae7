// The rest of the recipe language: every budget kind and unit, inline targets with overrides, data sets in
// each format with preprocessing, metric vocabularies, `extends` merging, and data sets passes need.
using EdgeSdk.Data;
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class RecipeLanguageTests
{
    private readonly RecipeTestFiles _files = new();

    [Fact]
    public void EveryBudgetKindConvertsToCanonicalUnits()
    {
        var result = _files.Load("""
            recipe: 1
            data:
              evaluation: {inputs: data/x.npy, labels: data/y.npy}
            evaluate: {task: multiclass, metrics: [accuracy, MacroAccuracy, LogLoss]}
            budgets:
              - accuracy: {min: 97%}
              - accuracy: {min: 0.9, metric: macroaccuracy, name: macro-floor}
              - accuracy: {max_absolute_drop: 0.05, metric: LogLoss}
              - latency: {p50: 800 us}
              - latency: {p99: 1.5 s, warning: true}
              - latency: {p90: 250 µs}
              - size: {max: 1.5 MiB}
              - memory: {max: 16 MB}
              - macs: {max: 2.5M}
            """);

        result.Diagnostics.Should().BeEmpty();
        var budgets = result.Recipe!.Budgets;
        budgets.Select(b => (b.Name, b.Kind, b.Metric)).Should().Equal(
            ("accuracy.min", BudgetKind.AccuracyFloor, "accuracy"),
            ("macro-floor", BudgetKind.AccuracyFloor, "MacroAccuracy"),
            ("LogLoss.max_absolute_drop", BudgetKind.AccuracyDropAbsolute, "LogLoss"),
            ("latency.p50", BudgetKind.LatencyP50, string.Empty),
            ("latency.p99", BudgetKind.LatencyP99, string.Empty),
            ("latency.p90", BudgetKind.LatencyP90, string.Empty),
            ("size.max", BudgetKind.ModelSize, string.Empty),
            ("memory.max", BudgetKind.PeakMemory, string.Empty),
            ("macs.max", BudgetKind.Macs, string.Empty));
        budgets.Select(b => b.Limit).Should().Equal(0.97, 0.9, 0.05, 0.8, 1500, 0.25, 1.5 * 1024 * 1024, 16e6, 2.5e6);
        budgets[4].Severity.Should().Be(DiagnosticSeverity.Warning);
        budgets[0].IsUpperLimit.Should().BeFalse();
    }

    [Fact]
    public void BudgetMistakesAreLocated()
    {
        var result = _files.Load("""
            recipe: 1
            data:
              evaluation: {inputs: data/x.npy, labels: data/y.npy}
            budgets:
              - accuracy: {max_absolute_drop: 0.5 points, max_relative_drop: 1%}
              - accuracy: {min: 97%, metric: MacroAccuracy}
              - latency: {p95: 5 ms}
              - size: {max: 200}
              - accuracy: {min: 140%}
              - latency: {p90: 5 ms}
              - latency: {p90: 6 ms}
            """);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1017@5,15; EDGE1011@6,34; EDGE1002@7,15; EDGE1004@8,17; EDGE1005@9,21; EDGE1015@11,5");
        result.Diagnostics[1].Message.Should().Contain("Add it to 'evaluate.metrics'");
        result.Diagnostics[2].Message.Should().Contain("Did you mean 'p90' or 'p99'?");
    }

    [Fact]
    public void InlineTargetOverridesANamedProfile()
    {
        var result = _files.Load("""
            recipe: 1
            target:
              profile: test-cpu
              cores: 2
              quantization: {weight_bits: 7, reduce_range: true, activation_type: int8}
            """);

        var target = result.Recipe!.Target;
        target.Name.Should().Be("test-cpu");
        target.Cores.Should().Be(2);
        target.ClockGHz.Should().Be(1.8);
        target.Quantization.Should().Be(new QuantizationDefaults { WeightBits = 7, ReduceRange = true, ActivationType = "int8" });
        target.Sources.Should().NotContainKey("cores").And.ContainKey("clock");
    }

    [Fact]
    public void InlineTargetMistakesAreLocated()
    {
        var result = _files.Load("""
            recipe: 1
            target:
              cores: 2
              isa: [neon, dotprd]
              quantization: {weight_bits: 9}
            """);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1006@3,3; EDGE1011@4,15; EDGE1005@5,31");
        result.Diagnostics[1].Message.Should().Contain("Did you mean 'dotprod'?");
    }

    [Fact]
    public void DataSetsInEveryFormatWithPreprocessing()
    {
        File.WriteAllText(Path.Combine(_files.Root, "data", "t.csv"), "f0,f1,label\n1,2,0\n");
        File.WriteAllBytes(Path.Combine(_files.Root, "data", "c.npz"), [0]);
        Directory.CreateDirectory(Path.Combine(_files.Root, "data", "pb"));
        var result = _files.Load("""
            recipe: 1
            data:
              calibration:
                file: data/c.npz
                inputs: {image: x}
                samples: 100
                shuffle: true
                seed: 7
                preprocess:
                  image: {scale: 0.00392156862745098, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], layout: nhwc_to_nchw}
              training:
                file: data/t.csv
                inputs: f0..f1
                labels: label
                preprocess: {reshape: [2]}
              evaluation:
                format: pb
                file: data/pb
            """);

        result.Diagnostics.Should().BeEmpty();
        var data = result.Recipe!.Data;
        data.Calibration!.Format.Should().Be(DataFormat.Npz);
        data.Calibration.File.Should().Be(Path.Combine(_files.Root, "data", "c.npz"));
        data.Calibration.Inputs.Single().Should().Match<DataInputSpec>(i => i.Input == "image" && i.Source == "x");
        (data.Calibration.Samples, data.Calibration.Shuffle, data.Calibration.Seed).Should().Be((100, true, 7));
        var pre = data.Calibration.Preprocess.Single();
        pre.Key.Should().Be("image");
        pre.Value.Scale.Should().BeApproximately(1 / 255.0, 1e-15);
        pre.Value.Mean.Should().Equal(0.485, 0.456, 0.406);
        pre.Value.Layout.Should().Be(LayoutChange.NhwcToNchw);
        data.Training!.Format.Should().Be(DataFormat.Csv);
        data.Training.Inputs.Single().Columns.Should().Equal("f0", "f1");
        data.Training.Labels.Should().Be("label");
        data.Training.Preprocess.Single().Value.Reshape.Should().Equal(2L);
        data.Evaluation!.Format.Should().Be(DataFormat.TensorProto);
    }

    [Fact]
    public void DataSetMistakesAreLocated()
    {
        var result = _files.Load("""
            recipe: 1
            data:
              calibraton: {inputs: data/x.npy}
              training:
                format: parquet
                inputs: data/x.npy
              evaluation:
                inputs: {image: data/x.npy}
                preprocess:
                  img: {scale: 2}
                  image: {mean: 0.5, layout: nchw}
            """);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1002@3,3; EDGE1011@5,13; EDGE1002@10,7; EDGE1011@11,14; EDGE1011@11,34");
        result.Diagnostics[0].Message.Should().Contain("Did you mean 'calibration'?");
    }

    [Fact]
    public void MetricsAreCheckedAgainstTheTask()
    {
        var result = _files.Load("""
            recipe: 1
            evaluate:
              task: regression
              metrics: [MeanAbsoluteError, accuracy, RSquare]
              latency: {duration: 2 s, runs: 0}
            """);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1011@4,32; EDGE1011@4,42; EDGE1005@5,34");
        result.Diagnostics[1].Message.Should().Contain("Did you mean 'RSquared'?");
    }

    [Fact]
    public void ExtendsMergesKeyByKeyAndListsReplace()
    {
        _files.Write("recipes/base-stock.yaml", """
            recipe: 1
            target: test-cpu
            evaluate:
              task: multiclass
              latency: {warmup: 3, runs: 50}
            budgets:
              - latency: {p90: 5 ms}
            passes:
              - fuse
            """);
        var result = _files.Load("""
            recipe: 1
            extends: base-stock
            model: model.onnx
            evaluate:
              latency: {runs: 500}
            budgets:
              - size: {max: 1 MB}
            """);

        result.Diagnostics.Should().BeEmpty();
        var recipe = result.Recipe!;
        recipe.Extends.Should().Equal(Path.Combine(_files.Root, "recipes", "base-stock.yaml"));
        recipe.Target.Name.Should().Be("test-cpu");
        recipe.Evaluate.Latency.Warmup.Should().Be(3);
        recipe.Evaluate.Latency.Runs.Should().Be(500);
        recipe.Budgets.Should().ContainSingle().Which.Kind.Should().Be(BudgetKind.ModelSize);
        recipe.Passes.Should().ContainSingle().Which.Location.File.Should().EndWith("base-stock.yaml");
    }

    [Fact]
    public void ExtendsNullRemovesAKeyAndErrorsPointIntoTheBaseFile()
    {
        _files.Write("base.yaml", """
            recipe: 1
            budgets:
              - latency: {p90: 5 mss}
            passes:
              - fuse
            """);
        var result = _files.Load("""
            recipe: 1
            extends: ./base.yaml
            passes: ~
            """);

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be("EDGE1004");
        error.Location.Should().Be(new SourceLocation(Path.Combine(_files.Root, "base.yaml"), 3, 20));
    }

    [Fact]
    public void ExtendsUnknownStockRecipeAndCyclesAreErrors()
    {
        _files.Write("recipes/cnn-int8-cpu.yaml", "recipe: 1\n");
        _files.Write("a.yaml", "recipe: 1\nextends: ./b.yaml\n");
        _files.Write("b.yaml", "recipe: 1\nextends: ./a.yaml\n");

        var unknown = _files.Load("recipe: 1\nextends: cnn-int8-cp\n");
        var cycle = RecipeLoader.Load(Path.Combine(_files.Root, "a.yaml"), _files.Options);

        unknown.Diagnostics.Single().Code.Should().Be("EDGE1016");
        unknown.Diagnostics.Single().Message.Should().Contain("Did you mean 'cnn-int8-cpu'?");
        unknown.Diagnostics.Single().Location!.Line.Should().Be(2);
        cycle.Diagnostics.Single().Code.Should().Be("EDGE1016");
        cycle.Diagnostics.Single().Message.Should().Contain("cycle");
    }

    [Fact]
    public void DataSetsPassesNeedAreRequired()
    {
        var catalog = new Dictionary<string, IPass>(PassCatalog.All) { ["calibrated"] = new CalibratedPass() };
        var path = _files.Write("needs.yaml", """
            recipe: 1
            passes:
              - calibrated: {mode: dynamic}
              - calibrated: {mode: static}
                name: static
              - calibrated: {mode: static, bits: 12}
                name: off
                enabled: false
            """);

        var result = RecipeLoader.Load(path, _files.Options, catalog);
        var incomplete = RecipeLoader.Load(path, _files.Options with { AllowIncomplete = true }, catalog);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1012@4,5; EDGE1005@6,38");
        result.Diagnostics[0].Message.Should().Contain("'static' needs a calibration data set");
        incomplete.Diagnostics.Select(d => d.Code).Should().Equal("EDGE1005");
    }

    [Fact]
    public void PassEntriesAreStrict()
    {
        var result = _files.Load("""
            recipe: 1
            passes:
              - fuse: {fold_batch_norm: yes}
              - fuse:
                remove_identity: false
              - fuse: [1]
              - fuse: {}
                enabled: no
            """);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1003@3,29; EDGE1018@5,5; EDGE1003@6,11; EDGE1003@8,14");
    }

    [Fact]
    public void MissingVersionAndWrongVersionAreErrors()
    {
        _files.Load("model: model.onnx\n").Diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE1006" && d.Location!.Line == 1);
        _files.Load("recipe: 2\n", "v2.yaml").Diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == "EDGE1007" && d.Location!.Column == 9);
    }

    [Fact]
    public void BudgetOptionsBesideTheKindPointInsideTheBraces()
    {
        var result = _files.Load("""
            recipe: 1
            budgets:
              - latency: {p90: 5 ms}
                warning: true
            """);

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        RecipeTestFiles.Positions(result).Should().Be("EDGE1017@4,5");
        error.Message.Should().Contain("'- latency: {…, warning: …}'");
    }

    [Fact]
    public void CsvColumnRangesAreChecked()
    {
        File.WriteAllText(Path.Combine(_files.Root, "data", "r.csv"), "f0,label\n1,0\n");
        var result = _files.Load("""
            recipe: 1
            data:
              training: {file: data/r.csv, inputs: f5..f2, labels: label}
              evaluation: {file: data/r.csv, inputs: f0..f99999999999, labels: label}
            """);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1011@3,40; EDGE1011@4,42");
    }

    private sealed record CalibratedOptions(string Mode = "static", long Bits = 8);

    private sealed class CalibratedPass : Pass<CalibratedOptions>
    {
        public override PassDescriptor Descriptor { get; } = new(
            "calibrated",
            1,
            "A test pass that needs calibration data in static mode.");

        public override PassOptionSet<CalibratedOptions> Options { get; } = new(
            "calibrated",
            new CalibratedOptions(),
            [
                OptionFactory<CalibratedOptions>.Enum("mode", "static or dynamic.", "static", [("static", "static"), ("dynamic", "dynamic")], (o, v) => o with { Mode = v }, o => o.Mode),
                OptionFactory<CalibratedOptions>.Integer("bits", "Bits.", 8, 2, 8, (o, v) => o with { Bits = v }, o => o.Bits),
            ]);

        protected override DataRequirement RequiredData(CalibratedOptions options) => options.Mode == "static" ? DataRequirement.Calibration : DataRequirement.None;

        protected override PassResult Run(PassContext context, CalibratedOptions options) => new(context.Model);
    }
}
