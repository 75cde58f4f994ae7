// The qat pass's own options: the shared training options, the static QDQ placement and calibration
// options it shares with quantize (qat always trains static QDQ, so quantize's mode, weight-only, fallback
// and report options are not among them), BatchNormalization folding and an optional teacher.
using EdgeSdk.Passes.Options;
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Options of the <c>qat</c> pass.</summary>
internal sealed record QatOptions
{
    private const string NotForQat = "it is a quantize option that qat does not take (qat trains static QDQ weights itself and never falls back to float); remove it, or use the quantize pass.";

    /// <summary>Gets the declarations (the one place the pass's recipe parameters are defined).</summary>
    public static PassOptionSet<QatOptions> Declarations { get; } = new(
        "qat",
        new QatOptions(),
        [
            .. TrainingOptionDeclarations.Common<QatOptions>(epochs: 2, learningRate: 1e-4, alpha: 1.0, o => o.Training, (o, t) => o with { Training = t }),
            .. QuantizationOptions.StaticDeclarations.Select(d => d.Within<QatOptions>(o => o.Quantization, (o, q) => o with { Quantization = q })),
            OptionFactory<QatOptions>.Boolean("fold_batch_norm", "Fold BatchNormalization into the preceding Conv/Gemm before placing QDQ (otherwise it stays float with frozen statistics).", true, (o, v) => o with { FoldBatchNorm = v }, o => o.FoldBatchNorm),
            OptionFactory<QatOptions>.Text("teacher", "Optional teacher: 'baseline' for the pipeline's input model, or an ONNX file relative to the recipe; used with weight 1−alpha.", null, (o, v) => o with { Teacher = string.IsNullOrEmpty(v) ? null : v }, o => o.Teacher),
        ],
        Check,
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = "qat always trains static QDQ (int8 activations and weights); dynamic and weight_only have no activation quantization to train through. Remove 'mode', or use the quantize pass.",
            ["block_size"] = NotForQat,
            ["weight_only_symmetric"] = NotForQat,
            ["cross_layer_equalization"] = NotForQat,
            ["bias_correction"] = NotForQat,
            ["gptq"] = NotForQat,
            ["gptq_damp"] = NotForQat,
            ["fallback"] = NotForQat,
            ["fallback_max_layers"] = NotForQat,
            ["fallback_subset"] = NotForQat,
            ["sqnr_samples"] = NotForQat,
        });

    /// <summary>Gets the training settings.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Gets the static quantization settings (placement and calibration; the target fills in what the recipe leaves open).</summary>
    public QuantizationOptions Quantization { get; init; } = new() { Fallback = false };

    /// <summary>Gets whether BatchNormalization folds into the preceding Conv/Gemm before QDQ placement.</summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Gets the teacher: null, <c>baseline</c>, or an ONNX file relative to the recipe.</summary>
    public string? Teacher { get; init; }

    private static QatOptions Check(QatOptions o, OptionCheckContext context)
    {
        TrainingOptionDeclarations.CheckModelFile(context, "teacher", o.Teacher, baselineAllowed: true);
        return o;
    }
}
