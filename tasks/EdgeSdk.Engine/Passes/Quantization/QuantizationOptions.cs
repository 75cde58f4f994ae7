// The quantize pass's options, resolved from the recipe's parameters and, where the recipe is silent,
// from the target profile's quantization defaults. Records which defaults came from the target so that
// the report can say so (e.g. 7-bit weights because the CPU lacks VNNI).
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Which flavour of quantization to produce.</summary>
internal enum QuantizationMode
{
    /// <summary>Calibrated QDQ (activations and weights int8).</summary>
    Static,
    /// <summary>Weights int8, activations quantized at run time (MatMul/Gemm).</summary>
    Dynamic,
    /// <summary>Weights only, 4-bit blocks (MatMulNBits).</summary>
    WeightOnly,
}

/// <summary>How activation ranges are chosen from calibration statistics.</summary>
internal enum CalibrationMethod
{
    /// <summary>Observed minimum and maximum.</summary>
    MinMax,
    /// <summary>Percentiles of the observed distribution.</summary>
    Percentile,
    /// <summary>Threshold minimizing the KL divergence between float and quantized distributions.</summary>
    Entropy,
    /// <summary>Threshold minimizing the expected squared quantization error.</summary>
    Mse,
}

/// <summary>Resolved options of one quantize run.</summary>
internal sealed record QuantizationOptions
{
    /// <summary>Gets the mode.</summary>
    public QuantizationMode Mode { get; init; } = QuantizationMode.Static;

    /// <summary>Gets the calibration method.</summary>
    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.MinMax;

    /// <summary>Gets the percentile for <see cref="CalibrationMethod.Percentile"/> (e.g. 99.999).</summary>
    public double Percentile { get; init; } = 99.999;

    /// <summary>Gets the number of calibration samples (0 = all).</summary>
    public int CalibrationSamples { get; init; }

    /// <summary>Gets the calibration batch size.</summary>
    public int CalibrationBatchSize { get; init; } = 16;

    /// <summary>Gets the activation element type (UInt8 or Int8).</summary>
    public TensorElementType ActivationType { get; init; } = TensorElementType.UInt8;

    /// <summary>Gets whether activations are symmetric.</summary>
    public bool ActivationSymmetric { get; init; }

    /// <summary>Gets the weight bit width (8, or 7 for reduce_range).</summary>
    public int WeightBits { get; init; } = 8;

    /// <summary>Gets whether weights are quantized per output channel.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>Gets node names kept in float.</summary>
    public IReadOnlyList<string> ExcludeNodes { get; init; } = [];

    /// <summary>Gets operator types kept in float.</summary>
    public IReadOnlyList<string> ExcludeOpTypes { get; init; } = [];

    /// <summary>Gets whether the first weighted layer stays float.</summary>
    public bool KeepFirstLayerFloat { get; init; }

    /// <summary>Gets whether a first Conv too small for the integer kernel to pay off stays float (keep_first_layer_float: auto).</summary>
    public bool AutoFloatSmallFirstConv { get; init; }

    /// <summary>Gets whether the last weighted layer stays float.</summary>
    public bool KeepLastLayerFloat { get; init; }

    /// <summary>Gets the block size of weight-only quantization.</summary>
    public int BlockSize { get; init; } = 32;

    /// <summary>Gets whether weight-only blocks are symmetric (no zero points).</summary>
    public bool WeightOnlySymmetric { get; init; }

    /// <summary>Gets whether to equalize weight ranges across Conv chains first.</summary>
    public bool CrossLayerEqualization { get; init; }

    /// <summary>Gets whether to correct the bias for the weight quantization's mean error.</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>Gets whether to round weights with second-order error compensation (GPTQ).</summary>
    public bool Gptq { get; init; }

    /// <summary>Gets GPTQ's dampening, as a fraction of the Hessian's mean diagonal.</summary>
    public double GptqDamp { get; init; } = 0.01;

    /// <summary>Gets whether the accuracy-aware fallback runs when budgets are given.</summary>
    public bool Fallback { get; init; } = true;

    /// <summary>Gets the largest number of layers the fallback may return to float.</summary>
    public int FallbackMaxLayers { get; init; } = 8;

    /// <summary>Gets the number of evaluation samples used to rank layers.</summary>
    public int FallbackSubset { get; init; } = 300;

    /// <summary>Gets the number of calibration samples used for the SQNR report (0 = skip).</summary>
    public int SqnrSamples { get; init; } = 64;

    /// <summary>Gets human-readable lines naming the defaults that came from the target profile.</summary>
    public IReadOnlyList<string> TargetDefaultsApplied { get; init; } = [];

    /// <summary>Returns the pass's parameter declarations (the one place they are defined).</summary>
    public static IReadOnlyList<ParameterDescriptor> Parameters { get; } =
    [
        new("mode", ParameterKind.Enum, "static (calibrated QDQ int8), dynamic (int8 weights, activations quantized at run time) or weight_only (4-bit MatMulNBits).", "static", AllowedValues: ["static", "dynamic", "weight_only"]),
        new("calibration", ParameterKind.Enum, "How activation ranges are chosen: minmax, percentile, entropy (KL) or mse.", "minmax", AllowedValues: ["minmax", "percentile", "entropy", "mse"]),
        new("percentile", ParameterKind.Number, "Percentile kept by the percentile calibration (two-sided).", 99.999, 50, 100),
        new("calibration_samples", ParameterKind.Integer, "Calibration samples to use (0 = the whole calibration set, whose size the recipe's data section sets).", 0L, 0),
        new("calibration_batch_size", ParameterKind.Integer, "Samples per calibration batch run through ONNX Runtime (memory grows with it, not with calibration_samples).", 16L, 1, 4096),
        new("activation_type", ParameterKind.Enum, "Activation integer type; defaults to the target's (uint8 on most CPUs).", null, AllowedValues: ["uint8", "int8"]),
        new("symmetric", ParameterKind.Boolean, "Quantize activations symmetrically; defaults to the target's setting."),
        new("weight_bits", ParameterKind.Integer, "Bits of int8-stored weights (7 avoids saturation on CPUs without VNNI); defaults to the target's.", null, 2, 8),
        new("reduce_range", ParameterKind.Boolean, "Use 7-bit weights (ONNX Runtime's reduce_range); defaults to the target's setting."),
        new("per_channel", ParameterKind.Boolean, "Quantize weights per output channel; defaults to the target's setting."),
        new("exclude_nodes", ParameterKind.StringList, "Node names kept in float."),
        new("exclude_op_types", ParameterKind.StringList, "Operator types kept in float (e.g. Softmax)."),
        new("keep_first_layer_float", ParameterKind.Enum, "Keep the first Conv/Gemm/MatMul in float: true, false, or auto (float when it is a Conv on the model input with at most 27 multiply-adds per output, e.g. 3x3 on 1-3 channels, where ONNX Runtime's float kernel is faster than QLinearConv).", "auto", AllowedValues: ["auto", "true", "false"]),
        new("keep_last_layer_float", ParameterKind.Boolean, "Keep the last Conv/Gemm/MatMul in float.", false),
        new("block_size", ParameterKind.Integer, "Block size along K for weight_only 4-bit quantization (power of two, at least 16).", 32L, 16, 4096),
        new("weight_only_symmetric", ParameterKind.Boolean, "Symmetric 4-bit blocks (no zero points) for weight_only.", false),
        new("cross_layer_equalization", ParameterKind.Boolean, "Equalize per-channel weight ranges across Conv chains (depthwise/pointwise) before quantizing.", false),
        new("bias_correction", ParameterKind.Boolean, "Correct each layer's bias for the mean error its weight quantization introduces.", false),
        new("gptq", ParameterKind.Boolean, "Round weights with second-order error compensation (GPTQ) using calibration activations.", false),
        new("gptq_damp", ParameterKind.Number, "GPTQ dampening as a fraction of the Hessian's mean diagonal.", 0.01, 0, 1),
        new("fallback", ParameterKind.Boolean, "When the accuracy budget is missed, return the most harmful layers to float until it is met.", true),
        new("fallback_max_layers", ParameterKind.Integer, "Most layers the fallback may return to float.", 8L, 0, 10000),
        new("fallback_subset", ParameterKind.Integer, "Evaluation samples used to rank layers for the fallback.", 300L, 1),
        new("sqnr_samples", ParameterKind.Integer, "Calibration samples used for the per-tensor SQNR report (0 = no report).", 64L, 0),
    ];

    /// <summary>Resolves the options from parameters and the target's defaults.</summary>
    public static QuantizationOptions Resolve(PassParameters parameters, TargetProfile target)
    {
        var applied = new List<string>();
        var defaults = target.Quantization;
        var percentile = parameters.GetNumber("percentile");
        var blockSize = (int)parameters.GetInteger("block_size");
        if ((blockSize & (blockSize - 1)) != 0)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.InvalidOption, $"quantize: block_size {blockSize} is not a power of two; use 16, 32, 64 or 128.", parameters.LocationOf("block_size"));
        }

        string activationType;
        if (parameters.IsSet("activation_type"))
        {
            activationType = parameters.GetString("activation_type");
        }
        else
        {
            activationType = defaults.ActivationType;
            applied.Add($"activation_type={activationType}");
        }

        bool symmetric;
        if (parameters.IsSet("symmetric"))
        {
            symmetric = parameters.GetBoolean("symmetric");
        }
        else
        {
            symmetric = defaults.ActivationSymmetric;
            applied.Add($"symmetric={Lower(symmetric)}");
        }

        bool perChannel;
        if (parameters.IsSet("per_channel"))
        {
            perChannel = parameters.GetBoolean("per_channel");
        }
        else
        {
            perChannel = defaults.PerChannel;
            applied.Add($"per_channel={Lower(perChannel)}");
        }

        int weightBits;
        if (parameters.IsSet("weight_bits"))
        {
            weightBits = (int)parameters.GetInteger("weight_bits");
        }
        else if (parameters.IsSet("reduce_range"))
        {
            weightBits = parameters.GetBoolean("reduce_range") ? 7 : 8;
        }
        else
        {
            weightBits = defaults.ReduceRange ? Math.Min(7, defaults.WeightBits) : defaults.WeightBits;
            applied.Add(defaults.ReduceRange
                ? $"weight_bits={weightBits} (reduce_range: target '{target.Name}' has no VNNI, 8-bit weights could saturate int16 accumulation)"
                : $"weight_bits={weightBits}");
        }

        return new QuantizationOptions
        {
            Mode = parameters.GetString("mode") switch
            {
                "dynamic" => QuantizationMode.Dynamic,
                "weight_only" => QuantizationMode.WeightOnly,
                _ => QuantizationMode.Static,
            },
            Calibration = parameters.GetString("calibration") switch
            {
                "percentile" => CalibrationMethod.Percentile,
                "entropy" => CalibrationMethod.Entropy,
                "mse" => CalibrationMethod.Mse,
                _ => CalibrationMethod.MinMax,
            },
            Percentile = percentile,
            CalibrationSamples = (int)parameters.GetInteger("calibration_samples"),
            CalibrationBatchSize = (int)parameters.GetInteger("calibration_batch_size"),
            ActivationType = activationType == "int8" ? TensorElementType.Int8 : TensorElementType.UInt8,
            ActivationSymmetric = symmetric,
            WeightBits = weightBits,
            PerChannel = perChannel,
            ExcludeNodes = parameters.GetStringList("exclude_nodes"),
            ExcludeOpTypes = parameters.GetStringList("exclude_op_types"),
            KeepFirstLayerFloat = parameters.GetString("keep_first_layer_float") is "true" or "True",
            AutoFloatSmallFirstConv = parameters.GetString("keep_first_layer_float") == "auto",
            KeepLastLayerFloat = parameters.GetBoolean("keep_last_layer_float"),
            BlockSize = blockSize,
            WeightOnlySymmetric = parameters.GetBoolean("weight_only_symmetric"),
            CrossLayerEqualization = parameters.GetBoolean("cross_layer_equalization"),
            BiasCorrection = parameters.GetBoolean("bias_correction"),
            Gptq = parameters.GetBoolean("gptq"),
            GptqDamp = parameters.GetNumber("gptq_damp"),
            Fallback = parameters.GetBoolean("fallback"),
            FallbackMaxLayers = (int)parameters.GetInteger("fallback_max_layers"),
            FallbackSubset = (int)parameters.GetInteger("fallback_subset"),
            SqnrSamples = (int)parameters.GetInteger("sqnr_samples"),
            TargetDefaultsApplied = applied.Count == 0 ? [] : [$"target '{target.Name}' defaults: " + string.Join(", ", applied)],
        };
    }

    private static string Lower(bool value) => value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
}
