// The quantize pass's options: declared once (bound and checked when the recipe loads; the qat pass
// declares the static-placement part too) and, when the pass runs, completed from the target profile's
// quantization defaults where the recipe is silent. Records which defaults came from the target so that
// the report can say so (e.g. 7-bit weights because the CPU lacks VNNI).
using EdgeSdk.Targets;
using System.Globalization;
using EdgeSdk.Passes.Options;
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

/// <summary>Options of one quantize run (and of the quantization inside qat).</summary>
internal sealed record QuantizationOptions : IHostTimedOptions
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

    /// <summary>Gets whether the host-latency decision runs: per layer, int8 is timed against float on the build host and layers int8 makes slower stay float (static, dynamic and weight_only modes; off by default because the output then depends on the host).</summary>
    public bool HostLatency { get; init; }

    /// <inheritdoc/>
    public bool TimesOnHost => HostLatency;

    /// <summary>Gets the noise margin of the host-latency decision: a layer stays float when its int8 time exceeds its float time by more than this fraction.</summary>
    public double HostLatencyMargin { get; init; } = 0.05;

    /// <summary>Gets the number of calibration samples used for the SQNR report (0 = skip).</summary>
    public int SqnrSamples { get; init; } = 64;

    /// <summary>Gets human-readable lines naming the defaults that came from the target profile.</summary>
    public IReadOnlyList<string> TargetDefaultsApplied { get; init; } = [];

    /// <summary>Gets the activation type the recipe asked for (null: the target's).</summary>
    public TensorElementType? RequestedActivationType { get; init; }

    /// <summary>Gets the activation symmetry the recipe asked for (null: the target's).</summary>
    public bool? RequestedSymmetric { get; init; }

    /// <summary>Gets the weight bits the recipe asked for (null: reduce_range or the target's).</summary>
    public int? RequestedWeightBits { get; init; }

    /// <summary>Gets the recipe's reduce_range (null: the target's); weight_bits wins when both are set.</summary>
    public bool? RequestedReduceRange { get; init; }

    /// <summary>Gets the per-channel setting the recipe asked for (null: the target's).</summary>
    public bool? RequestedPerChannel { get; init; }

    /// <summary>
    /// Gets the options of static QDQ placement and calibration (calibration … keep_last_layer_float), which
    /// the qat pass declares too because it places QDQ exactly as static quantization does.
    /// </summary>
    public static IReadOnlyList<PassOption<QuantizationOptions>> StaticDeclarations { get; } =
    [
        OptionFactory<QuantizationOptions>.Enum("calibration", "How activation ranges are chosen: minmax, percentile, entropy (KL) or mse.", CalibrationMethod.MinMax, [("minmax", CalibrationMethod.MinMax), ("percentile", CalibrationMethod.Percentile), ("entropy", CalibrationMethod.Entropy), ("mse", CalibrationMethod.Mse)], (o, v) => o with { Calibration = v }, o => o.Calibration),
        OptionFactory<QuantizationOptions>.Number("percentile", "Percentile kept by the percentile calibration (two-sided).", 99.999, 50, 100, (o, v) => o with { Percentile = v }, o => o.Percentile),
        OptionFactory<QuantizationOptions>.Integer("calibration_samples", "Calibration samples to use (0 = the whole calibration set, whose size the recipe's data section sets).", 0, 0, long.MaxValue, (o, v) => o with { CalibrationSamples = (int)Math.Min(v, int.MaxValue) }, o => o.CalibrationSamples),
        OptionFactory<QuantizationOptions>.Integer("calibration_batch_size", "Samples per calibration batch run through ONNX Runtime (memory grows with it, not with calibration_samples).", 16, 1, 4096, (o, v) => o with { CalibrationBatchSize = (int)v }, o => o.CalibrationBatchSize),
        OptionFactory<QuantizationOptions>.OptionalEnum("activation_type", "Activation integer type; defaults to the target's (uint8 on most CPUs).", [("uint8", TensorElementType.UInt8), ("int8", TensorElementType.Int8)], (o, v) => o with { RequestedActivationType = v }, o => o.RequestedActivationType),
        OptionFactory<QuantizationOptions>.OptionalBoolean("symmetric", "Quantize activations symmetrically; defaults to the target's setting.", (o, v) => o with { RequestedSymmetric = v }, o => o.RequestedSymmetric),
        OptionFactory<QuantizationOptions>.OptionalInteger("weight_bits", "Bits of int8-stored weights (7 avoids saturation on CPUs without VNNI); defaults to the target's.", 2, 8, (o, v) => o with { RequestedWeightBits = (int?)v }, o => o.RequestedWeightBits),
        OptionFactory<QuantizationOptions>.OptionalBoolean("reduce_range", "Use 7-bit weights (ONNX Runtime's reduce_range); defaults to the target's setting.", (o, v) => o with { RequestedReduceRange = v }, o => o.RequestedReduceRange),
        OptionFactory<QuantizationOptions>.OptionalBoolean("per_channel", "Quantize weights per output channel; defaults to the target's setting.", (o, v) => o with { RequestedPerChannel = v }, o => o.RequestedPerChannel),
        OptionFactory<QuantizationOptions>.List("exclude_nodes", "Node names kept in float.", null, (o, v) => o with { ExcludeNodes = v }, o => o.ExcludeNodes),
        OptionFactory<QuantizationOptions>.List("exclude_op_types", "Operator types kept in float (e.g. Softmax).", null, (o, v) => o with { ExcludeOpTypes = v }, o => o.ExcludeOpTypes),
        OptionFactory<QuantizationOptions>.Enum("keep_first_layer_float", "Keep the first Conv/Gemm/MatMul in float: true, false, or auto (float when it is a Conv on the model input with at most 27 multiply-adds per output, e.g. 3x3 on 1-3 channels, where ONNX Runtime's float kernel is faster than QLinearConv).", "auto", [("auto", "auto"), ("true", "true"), ("false", "false")], (o, v) => o with { KeepFirstLayerFloat = v == "true", AutoFloatSmallFirstConv = v == "auto" }, o => o.KeepFirstLayerFloat ? "true" : o.AutoFloatSmallFirstConv ? "auto" : "false"),
        OptionFactory<QuantizationOptions>.Boolean("keep_last_layer_float", "Keep the last Conv/Gemm/MatMul in float.", false, (o, v) => o with { KeepLastLayerFloat = v }, o => o.KeepLastLayerFloat),
    ];

    /// <summary>Gets the declarations of the quantize pass (the one place its recipe parameters are defined).</summary>
    public static PassOptionSet<QuantizationOptions> Declarations { get; } = new(
        "quantize",
        new QuantizationOptions(),
        [
            OptionFactory<QuantizationOptions>.Enum("mode", "static (calibrated QDQ int8), dynamic (int8 weights, activations quantized at run time) or weight_only (4-bit MatMulNBits).", QuantizationMode.Static, [("static", QuantizationMode.Static), ("dynamic", QuantizationMode.Dynamic), ("weight_only", QuantizationMode.WeightOnly)], (o, v) => o with { Mode = v }, o => o.Mode),
            .. StaticDeclarations,
            OptionFactory<QuantizationOptions>.Integer("block_size", "Block size along K for weight_only 4-bit quantization (power of two, at least 16).", 32, 16, 4096, (o, v) => o with { BlockSize = (int)v }, o => o.BlockSize),
            OptionFactory<QuantizationOptions>.Boolean("weight_only_symmetric", "Symmetric 4-bit blocks (no zero points) for weight_only.", false, (o, v) => o with { WeightOnlySymmetric = v }, o => o.WeightOnlySymmetric),
            OptionFactory<QuantizationOptions>.Boolean("cross_layer_equalization", "Equalize per-channel weight ranges across Conv chains (depthwise/pointwise) before quantizing.", false, (o, v) => o with { CrossLayerEqualization = v }, o => o.CrossLayerEqualization),
            OptionFactory<QuantizationOptions>.Boolean("bias_correction", "Correct each layer's bias for the mean error its weight quantization introduces.", false, (o, v) => o with { BiasCorrection = v }, o => o.BiasCorrection),
            OptionFactory<QuantizationOptions>.Boolean("gptq", "Round weights with second-order error compensation (GPTQ) using calibration activations.", false, (o, v) => o with { Gptq = v }, o => o.Gptq),
            OptionFactory<QuantizationOptions>.Number("gptq_damp", "GPTQ dampening as a fraction of the Hessian's mean diagonal.", 0.01, 0, 1, (o, v) => o with { GptqDamp = v }, o => o.GptqDamp),
            OptionFactory<QuantizationOptions>.Boolean("fallback", "When the accuracy budget is missed, return the most harmful layers to float until it is met.", true, (o, v) => o with { Fallback = v }, o => o.Fallback),
            OptionFactory<QuantizationOptions>.Integer("fallback_max_layers", "Most layers the fallback may return to float.", 8, 0, 10000, (o, v) => o with { FallbackMaxLayers = (int)v }, o => o.FallbackMaxLayers),
            OptionFactory<QuantizationOptions>.Integer("fallback_subset", "Evaluation samples used to rank layers for the fallback.", 300, 1, long.MaxValue, (o, v) => o with { FallbackSubset = (int)Math.Min(v, int.MaxValue) }, o => o.FallbackSubset),
            OptionFactory<QuantizationOptions>.Boolean("host_latency", "Time every quantized layer in int8 and in float on the build host (ONNX Runtime per-node profiles, interleaved), keep float the layers int8 makes slower, and keep the whole model float when the result is not faster than the float input (static, dynamic and weight_only modes; weight_only times each MatMulNBits against its float MatMul). Off by default: the output then depends on the build host's timing (steps are cached per CPU model and ISA); the stock CPU recipes turn it on.", false, (o, v) => o with { HostLatency = v }, o => o.HostLatency),
            OptionFactory<QuantizationOptions>.Number("host_latency_margin", "Noise margin of host_latency: a layer stays float when its int8 time exceeds its float time by more than this fraction.", 0.05, 0, 1, (o, v) => o with { HostLatencyMargin = v }, o => o.HostLatencyMargin),
            OptionFactory<QuantizationOptions>.Integer("sqnr_samples", "Calibration samples used for the per-tensor SQNR report (0 = no report).", 64, 0, long.MaxValue, (o, v) => o with { SqnrSamples = (int)Math.Min(v, int.MaxValue) }, o => o.SqnrSamples),
        ],
        Check);

    /// <summary>Returns these options with the settings the recipe left to the target filled in from <paramref name="target"/>'s quantization defaults.</summary>
    public QuantizationOptions ForTarget(TargetProfile target)
    {
        var applied = new List<string>();
        var defaults = target.Quantization;
        var activationType = RequestedActivationType ?? (defaults.ActivationType == "int8" ? TensorElementType.Int8 : TensorElementType.UInt8);
        if (RequestedActivationType is null)
        {
            applied.Add($"activation_type={defaults.ActivationType}");
        }

        var symmetric = RequestedSymmetric ?? defaults.ActivationSymmetric;
        if (RequestedSymmetric is null)
        {
            applied.Add($"symmetric={Lower(symmetric)}");
        }

        var perChannel = RequestedPerChannel ?? defaults.PerChannel;
        if (RequestedPerChannel is null)
        {
            applied.Add($"per_channel={Lower(perChannel)}");
        }

        int weightBits;
        if (RequestedWeightBits is { } bits)
        {
            weightBits = bits;
        }
        else if (RequestedReduceRange is { } reduce)
        {
            weightBits = reduce ? 7 : 8;
        }
        else
        {
            weightBits = defaults.ReduceRange ? Math.Min(7, defaults.WeightBits) : defaults.WeightBits;
            applied.Add(defaults.ReduceRange
                ? $"weight_bits={weightBits} (reduce_range: target '{target.Name}' has no VNNI, 8-bit weights could saturate int16 accumulation)"
                : $"weight_bits={weightBits}");
        }

        return this with
        {
            ActivationType = activationType,
            ActivationSymmetric = symmetric,
            WeightBits = weightBits,
            PerChannel = perChannel,
            TargetDefaultsApplied = applied.Count == 0 ? [] : [$"target '{target.Name}' defaults: " + string.Join(", ", applied)],
        };
    }

    private static QuantizationOptions Check(QuantizationOptions o, OptionCheckContext context)
    {
        if ((o.BlockSize & (o.BlockSize - 1)) != 0)
        {
            context.Error(DiagnosticCatalog.Quantization.InvalidOption, $"block_size {o.BlockSize} is not a power of two; use 16, 32, 64 or 128.", "block_size");
        }

        return o;
    }

    private static string Lower(bool value) => value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant();
}
