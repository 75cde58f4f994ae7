// Typed pass options are bound and checked when the recipe loads: what a pass would reject when it runs
// (an N:M pattern such as 3:2, a block_size that is not a power of two, qat with a dynamic mode, a teacher
// file that does not exist, a required option left unset) is a located error of the loader; the canonical
// form of bound options makes explicit defaults fingerprint-neutral; and the search API binds overrides
// with the same validation.
using EdgeSdk.IO;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Passes.LowRank;
using EdgeSdk.Passes.Options;
using EdgeSdk.Passes.Pruning;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Passes.Training;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Tests;
using EdgeSdk.Tests.Recipes;

namespace EdgeSdk.Engine.Tests.Passes;

public sealed class PassOptionsBindingTests
{
    private readonly RecipeTestFiles _files = new();

    public static TheoryData<string, string, string, string> RejectedAtLoad() => new()
    {
        { "prune: {pattern: \"3:2\"}", "\"3:2\"", DiagnosticCatalog.Pruning.InvalidPattern.Code, "pattern '3:2' is not valid" },
        { "prune: {pattern: unstructured, importance: l2}", "l2", DiagnosticCatalog.Pruning.InvalidParameterCombination.Code, "applies to pattern 'channel' only" },
        { "quantize: {mode: weight_only, block_size: 48}", "48", DiagnosticCatalog.Quantization.InvalidOption.Code, "block_size 48 is not a power of two" },
        { "qat: {mode: dynamic}", "mode", DiagnosticCatalog.Recipes.UnknownKey.Code, "qat always trains static QDQ" },
        { "qat: {fallback: false}", "fallback", DiagnosticCatalog.Recipes.UnknownKey.Code, "quantize option that qat does not take" },
        { "distill: {teacher: missing-teacher.onnx}", "missing-teacher.onnx", DiagnosticCatalog.Training.BadTeacherOrStudent.Code, "the teacher model 'missing-teacher.onnx' does not exist" },
        { "finetune: {teacher: nowhere/t.onnx}", "nowhere/t.onnx", DiagnosticCatalog.Training.BadTeacherOrStudent.Code, "teacher model 'nowhere/t.onnx' does not exist" },
        { "distill: {student: student.onnx}", "student.onnx", DiagnosticCatalog.Training.BadTeacherOrStudent.Code, "student model 'student.onnx'" },
        { "lowrank: {rank_method: param_budget, param_budget: 0}", "0", DiagnosticCatalog.LowRank.InvalidRankParameters.Code, "param_budget must be greater than 0" },
        { "quantize: {mode: dynamic, block_size: 8}", "8", DiagnosticCatalog.Recipes.OutOfRange.Code, "'passes.quantize.block_size' is 8; it must be between 16 and 4096" },
    };

    [Theory]
    [MemberData(nameof(RejectedAtLoad))]
    public void WhatAPassRejectsIsALocatedErrorWhenTheRecipeLoads(string entry, string offending, string code, string message)
    {
        var yaml = "recipe: 1\npasses:\n  - fuse\n  - " + entry + "\n";
        var result = _files.Load(yaml);

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(code);
        error.Severity.Should().Be(DiagnosticSeverity.Error);
        error.Message.Should().Contain(message);
        error.Location!.Line.Should().Be(4);
        error.Location.Column.Should().Be(("  - " + entry).IndexOf(offending, StringComparison.Ordinal) + 1);
        result.Recipe.Should().BeNull();
    }

    [Fact]
    public void ValidVariantsOfTheSameEntriesLoad()
    {
        File.WriteAllBytes(Path.Combine(_files.Root, "teacher.onnx"), [0]);
        var result = RecipeLoader.Load(_files.Write("valid.yaml", """
            recipe: 1
            passes:
              - prune: {pattern: "2:4"}
              - quantize: {mode: weight_only, block_size: 64}
              - qat: {epochs: 1, per_channel: false, calibration: percentile}
              - distill: {teacher: teacher.onnx}
              - finetune: {teacher: baseline}
            """), _files.Options with { AllowIncomplete = true });

        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        var passes = result.Recipe!.Passes;
        passes[0].Options.Get<PruneOptions>().Pattern.Should().Be(new NmPattern(2, 4));
        passes[1].Options.Get<QuantizationOptions>().BlockSize.Should().Be(64);
        var qat = passes[2].Options.Get<QatOptions>();
        qat.Training.Epochs.Should().Be(1);
        qat.Quantization.RequestedPerChannel.Should().BeFalse();
        qat.Quantization.Calibration.Should().Be(CalibrationMethod.Percentile);
        qat.Quantization.Fallback.Should().BeFalse();
        passes[3].Options.Get<DistillOptions>().Teacher.Should().Be("teacher.onnx");
        passes[4].Options.Get<FinetuneOptions>().Training.Alpha.Should().Be(0.5f, "a teacher without an explicit alpha weighs labels and teacher half each");
    }

    [Fact]
    public void QatDeclaresItsOwnOptionsNotAllOfQuantizes()
    {
        var qat = new QatPass().Options.Options.Select(o => o.Key).ToList();
        var quantize = new QuantizePass().Options.Options.Select(o => o.Key).ToList();

        quantize.Should().HaveCount(26);
        qat.Should().Contain(["calibration", "percentile", "calibration_samples", "activation_type", "per_channel", "exclude_nodes", "keep_first_layer_float", "epochs", "fold_batch_norm", "teacher"]);
        qat.Should().NotContain(["mode", "host_latency", "host_latency_margin", "block_size", "weight_only_symmetric", "gptq", "bias_correction", "fallback", "fallback_max_layers", "sqnr_samples", "cross_layer_equalization"]);
        qat.Intersect(quantize).Should().HaveCount(13);
    }

    [Fact]
    public void RequiredOptionsWithoutDefaultsAreReportedAtThePassEntry()
    {
        var catalog = new Dictionary<string, IPass>(PassCatalog.All) { ["needs"] = new NeedsPass() };
        var path = _files.Write("required.yaml", "recipe: 1\npasses:\n  - needs: {level: 2}\n  - needs: {path: a.txt}\n    name: second\n");

        var result = RecipeLoader.Load(path, _files.Options, catalog);

        RecipeTestFiles.Positions(result).Should().Be("EDGE1010@3,5");
        result.Diagnostics[0].Message.Should().Contain("needs the parameter 'path'");
    }

    [Fact]
    public void WritingADefaultExplicitlyDoesNotChangeTheStepFingerprint()
    {
        var implicitDefaults = Plan("quantize: {mode: dynamic}", "prune: {sparsity: 0.25}");
        var explicitDefaults = Plan("quantize: {mode: dynamic, block_size: 32, calibration: minmax, exclude_nodes: [], fallback: true}", "prune: {sparsity: 0.25, pattern: channel, scope: per_layer, round_to: 1}");
        var changed = Plan("quantize: {mode: dynamic, block_size: 64}", "prune: {sparsity: 0.25}");

        explicitDefaults.Should().Equal(implicitDefaults);
        changed[1].Should().NotBe(implicitDefaults[1]);
        changed[2].Should().NotBe(implicitDefaults[2], "a changed step changes every step after it");
        changed[0].Should().Be(implicitDefaults[0]);
    }

    [Fact]
    public void CanonicalFormHoldsEveryOptionWithDefaultsFilledIn()
    {
        var bound = PassOptions.BindOrThrow(new QuantizePass(), new Dictionary<string, object?> { ["mode"] = "DYNAMIC" });

        bound.Canonical.Keys.Should().HaveCount(26).And.BeInAscendingOrder(StringComparer.Ordinal);
        bound.Canonical["mode"].Should().Be("dynamic");
        bound.Canonical["block_size"].Should().Be(32L);
        bound.Canonical["activation_type"].Should().BeNull("unset, the target decides when the pass runs");
        bound.CanonicalText.Should().Contain("block_size=32;").And.Contain("mode=\"dynamic\"");
        bound.Explicit.Keys.Should().Equal("mode");
    }

    [Fact]
    public void SearchApiListsOptionsWithTypesRangesAndAllowedValues()
    {
        var options = PassOptions.Describe("quantize");

        var blockSize = options.Single(o => o.Key == "block_size");
        blockSize.Kind.Should().Be(OptionKind.Integer);
        (blockSize.Minimum, blockSize.Maximum, blockSize.Default).Should().Be((16.0, 4096.0, 32L));
        options.Single(o => o.Key == "calibration").AllowedValues.Should().Equal("minmax", "percentile", "entropy", "mse");
        options.Single(o => o.Key == "fallback_subset").Maximum.Should().BeNull();
        var act = () => PassOptions.Describe("quantise");
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void SearchApiBindsOverridesOnTopOfTheRecipeWithTheLoadersValidation()
    {
        var recipe = _files.Load("recipe: 1\npasses:\n  - quantize: {mode: weight_only, block_size: 64, weight_only_symmetric: true}\n").Recipe!;
        var spec = recipe.Passes[0];
        var at = new SourceLocation(Path.Combine(_files.Root, "search.yaml"), 7, 9);

        var ok = PassOptions.Bind(spec.Options, new Dictionary<string, OptionValue> { ["block_size"] = new(128L, at), ["calibration"] = new("Entropy") }, _files.Root);
        ok.Succeeded.Should().BeTrue();
        var options = ok.Options!.Get<QuantizationOptions>();
        (options.BlockSize, options.WeightOnlySymmetric, options.Mode, options.Calibration).Should().Be((128, true, QuantizationMode.WeightOnly, CalibrationMethod.Entropy));
        ok.Options.LocationOf("block_size").Should().Be(at);
        ok.Options.LocationOf("weight_only_symmetric")!.Line.Should().Be(3, "values the override does not touch keep their recipe location");

        var bad = PassOptions.Bind(spec.Options, new Dictionary<string, OptionValue> { ["block_size"] = new(48L, at) }, _files.Root);
        bad.Succeeded.Should().BeFalse();
        bad.Diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == DiagnosticCatalog.Quantization.InvalidOption.Code && d.Location == at);

        var range = PassOptions.Bind(spec.Options, new Dictionary<string, OptionValue> { ["block_size"] = new(8L, at) }, _files.Root);
        range.Diagnostics.Single().Message.Should().Be("'passes.quantize.block_size' is 8; it must be between 16 and 4096.");

        var unknown = PassOptions.Bind(spec.Options, new Dictionary<string, OptionValue> { ["blocksize"] = new(64L, at) }, _files.Root);
        unknown.Diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == DiagnosticCatalog.Recipes.UnknownKey.Code && d.Message.Contains("Did you mean 'block_size'?") && d.Location == at);

        var type = PassOptions.Bind(spec.Options, new Dictionary<string, OptionValue> { ["gptq"] = new("yes", at) }, _files.Root);
        type.Diagnostics.Single().Code.Should().Be(DiagnosticCatalog.Recipes.WrongType.Code);

        var enumValue = PassOptions.Bind(spec.Options, new Dictionary<string, OptionValue> { ["calibration"] = new("entropi", at) }, _files.Root);
        enumValue.Diagnostics.Single().Should().Match<EdgeDiagnostic>(d => d.Code == DiagnosticCatalog.Recipes.InvalidValue.Code && d.Message.Contains("entropy"));
    }

    private List<string> Plan(params string[] entries)
    {
        var yaml = "recipe: 1\nmodel: model.onnx\npasses:\n  - fuse\n" + string.Concat(entries.Select(e => "  - " + e + "\n"));
        var result = _files.Load(yaml, $"plan-{Guid.NewGuid():N}.yaml");
        result.Diagnostics.Should().BeEmpty();
        return PipelinePlanner.Plan(result.Recipe!, Path.Combine(_files.Root, "model.onnx"), Path.Combine(_files.Root, "obj")).Steps.Select(s => s.Fingerprint).ToList();
    }

    private sealed record NeedsOptions(string Path = "", long Level = 1);

    private sealed class NeedsPass : Pass<NeedsOptions>
    {
        public override PassDescriptor Descriptor { get; } = new("needs", 1, "A test pass with a required option.");

        public override PassOptionSet<NeedsOptions> Options { get; } = new(
            "needs",
            new NeedsOptions(),
            [
                OptionFactory<NeedsOptions>.Text("path", "The file to read.", null, (o, v) => o with { Path = v ?? string.Empty }, o => o.Path).Required(),
                OptionFactory<NeedsOptions>.Integer("level", "A level.", 1, 0, 9, (o, v) => o with { Level = v }, o => o.Level),
            ]);

        protected override PassResult Run(PassContext context, NeedsOptions options) => new(context.Model);
    }
}
