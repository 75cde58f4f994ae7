// The `qat` pass: quantization-aware training. It places QDQ pairs exactly where the `quantize` pass would
// (the quantize pass's own placement planner, options and target defaults, through its StaticQuantizer),
// initializes activation scales from calibration and weight scales from the weights, makes the quantized
// weights trainable behind fake quantization, fine-tunes with BatchNormalization folded into the
// convolutions, and exports a QDQ model that ONNX Runtime runs with integer kernels.
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes.Fusion;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Training;

namespace EdgeSdk.Passes.Training;

/// <summary>Quantization-aware training.</summary>
internal sealed class QatPass : IPass
{
    /// <inheritdoc/>
    public PassDescriptor Descriptor { get; } = new(
        "qat",
        1,
        "Quantization-aware training: QDQ placed as the quantize pass would, scales from calibration, fake-quantized fine-tuning (BatchNormalization folded), exported as an int8 QDQ model.",
        [
            .. TrainingPassParameters.Common(epochs: 2, learningRate: 1e-4, alpha: 1.0),
            .. QuantizationOptions.Parameters,
            new ParameterDescriptor("fold_batch_norm", ParameterKind.Boolean, "Fold BatchNormalization into the preceding Conv/Gemm before placing QDQ (otherwise it stays float with frozen statistics).", true),
            new ParameterDescriptor("teacher", ParameterKind.String, "Optional teacher: 'baseline' for the pipeline's input model, or an ONNX file relative to the recipe; used with weight 1−alpha."),
        ],
        DataRequirement.Training);

    /// <inheritdoc/>
    public PassResult Run(PassContext context)
    {
        var quantization = QuantizationOptions.Resolve(context.Parameters, context.Target);
        if (quantization.Mode != QuantizationMode.Static)
        {
            throw new EdgeException(DiagnosticCatalog.Training.BadParameter, $"qat: mode '{context.Parameters.GetString("mode")}' has no activation quantization to train through; use mode: static.", context.Parameters.LocationOf("mode"));
        }

        var calibration = context.Data.Calibration ?? context.Data.Training
            ?? throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, "qat needs a training data set (also used for calibration when data.calibration is absent).");
        var prepared = context.Model.Clone();
        var folded = context.Parameters.GetBoolean("fold_batch_norm") ? BatchNormFolding.Apply(prepared) : 0;
        var quantizer = new StaticQuantizer(prepared, quantization with { Fallback = false }, calibration, context.Threads, context.Progress, context.Cancellation);
        var variant = quantizer.Quantize([]);
        var model = variant.Model;
        var entries = FakeQuantWeights.Insert(model);
        model.SortTopologically();

        var options = TrainingPassParameters.Read(context.Parameters);
        var teacherName = context.Parameters.GetOptionalString("teacher");
        var teacher = teacherName switch
        {
            null or "" => null,
            "baseline" => context.BaselineModel,
            _ => TeacherOutputs.LoadModel(context, "teacher", teacherName),
        };
        var result = TrainingPassRunner.Run(context, "qat", model, teacher, options);
        FakeQuantWeights.Export(model, entries);
        model.RemoveUnusedInitializers();

        result.Summary.Insert(0, $"placed {variant.Write.QuantizeNodes} QuantizeLinear / {variant.Write.DequantizeNodes} DequantizeLinear as the quantize pass would; {entries.Count} integer weight/bias tensors trained through fake quantization");
        if (folded > 0)
        {
            result.Summary.Insert(1, $"folded {folded} BatchNormalization node(s) before quantization");
        }

        result.Figures["fake_quantized_tensors"] = entries.Count;
        result.Figures["batch_norms_folded"] = folded;
        return result;
    }
}
