// The `qat` pass: quantization-aware training. It places QDQ pairs exactly where the `quantize` pass would
// (the quantize pass's own placement planner, static options and target defaults, through its StaticQuantizer),
// initializes activation scales from calibration and weight scales from the weights, makes the quantized
// weights trainable behind fake quantization, fine-tunes with BatchNormalization folded into the
// convolutions, and exports a QDQ model that ONNX Runtime runs with integer kernels.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Fusion;
using EdgeSdk.Passes.Options;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Targets;
using EdgeSdk.Training;

namespace EdgeSdk.Passes.Training;

/// <summary>Quantization-aware training.</summary>
internal sealed class QatPass : Pass<QatOptions>, IHostDependentWarnings
{
    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "qat",
        1,
        "Quantization-aware training: QDQ placed as the quantize pass would, scales from calibration, fake-quantized fine-tuning (BatchNormalization folded), exported as an int8 QDQ model.",
        DataRequirement.Training);

    /// <inheritdoc/>
    public override PassOptionSet<QatOptions> Options => QatOptions.Declarations;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, QatOptions options)
    {
        var quantization = options.Quantization.ForTarget(context.Target);
        var hostWarnings = HostWarnings(context.Options, context.Target, context.Host);
        foreach (var warning in hostWarnings)
        {
            context.Report(warning);
        }

        var calibration = context.Data.Calibration ?? context.Data.Training
            ?? throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, "qat needs a training data set (also used for calibration when data.calibration is absent).");
        var prepared = context.Model.Clone();
        var folded = options.FoldBatchNorm ? BatchNormFolding.Apply(prepared) : 0;
        var quantizer = new StaticQuantizer(prepared, quantization with { Fallback = false }, calibration, context.Threads, context.Progress, context.Cancellation);
        var variant = quantizer.Quantize([]);
        var model = variant.Model;
        var entries = FakeQuantWeights.Insert(model);
        model.SortTopologically();

        var teacher = options.Teacher switch
        {
            null => null,
            "baseline" => context.BaselineModel,
            var path => TeacherOutputs.LoadModel(context, "teacher", path),
        };
        var result = TrainingPassRunner.Run(context, "qat", model, teacher, options.Training);
        FakeQuantWeights.Export(model, entries);
        model.RemoveUnusedInitializers();

        result.Summary.Insert(0, $"placed {variant.Write.QuantizeNodes} QuantizeLinear / {variant.Write.DequantizeNodes} DequantizeLinear as the quantize pass would; {entries.Count} integer weight/bias tensors trained through fake quantization");
        if (folded > 0)
        {
            result.Summary.Insert(1, $"folded {folded} BatchNormalization node(s) before quantization");
        }

        result.Figures["fake_quantized_tensors"] = entries.Count;
        result.Figures["batch_norms_folded"] = folded;
        result.Summary.AddRange(hostWarnings.Select(IHostDependentWarnings.SummaryLine));
        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> HostWarningCodes { get; } = [DiagnosticCatalog.Quantization.WeightSaturationRisk.Code];

    /// <inheritdoc/>
    public IReadOnlyList<EdgeDiagnostic> HostWarnings(BoundPassOptions options, TargetProfile target, TargetProfile host) =>
        WeightSaturationCheck.Check(options.Get<QatOptions>().Quantization.ForTarget(target), target, host, options, "qat") is { } saturation ? [saturation] : [];
}
