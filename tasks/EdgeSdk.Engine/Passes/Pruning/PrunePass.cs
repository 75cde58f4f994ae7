// The `prune` pass. Structured (the default) removes whole channels so ONNX Runtime does less work and the
// file holds fewer parameters; unstructured and N:M zero single weights and store them sparsely so the
// file shrinks, with a plain warning that ONNX Runtime's CPU kernels do not run faster on them.
using System.Globalization;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Structured channel pruning with dependency groups; unstructured and N:M magnitude pruning.</summary>
internal sealed class PrunePass : IPass
{
    /// <summary>The warning every unstructured/N:M result carries.</summary>
    public const string NoSpeedupWarning = "ONNX Runtime's CPU kernels gain no speed from unstructured or N:M sparsity: the zeros are still multiplied. Only the file is smaller; use pattern: channel to make the model faster.";

    /// <inheritdoc/>
    public PassDescriptor Descriptor { get; } = new(
        "prune",
        1,
        "Removes whole Conv/Gemm/MatMul output channels with every dependent tensor (pattern: channel), or zeroes weights by magnitude (unstructured, N:M) and stores them sparsely.",
        [
            new ParameterDescriptor("pattern", ParameterKind.String, "channel (remove whole channels; the model gets faster), unstructured, or an N:M pattern such as 2:4 (keep N of every M weights).", "channel"),
            new ParameterDescriptor("sparsity", ParameterKind.Number, "Fraction of channels (channel) or weights (unstructured) to remove.", 0.5, 0.0, 0.99),
            new ParameterDescriptor("scope", ParameterKind.Enum, "per_layer removes the same fraction from every layer; global ranks all layers together.", "per_layer", AllowedValues: ["per_layer", "global"]),
            new ParameterDescriptor("importance", ParameterKind.Enum, "How channels are ranked: l1 or l2 norm of weights, bn_scale (|gamma| of BatchNormalization), or activation (mean |activation| on calibration data).", "l1", AllowedValues: ["l1", "l2", "bn_scale", "activation"]),
            new ParameterDescriptor("skip_layers", ParameterKind.StringList, "Node names whose output channels (channel) or weights (unstructured, N:M) are left alone.", Array.Empty<string>()),
            new ParameterDescriptor("skip_op_types", ParameterKind.StringList, "Operator types (Conv, Gemm, MatMul) left alone.", Array.Empty<string>()),
            new ParameterDescriptor("storage", ParameterKind.Enum, "unstructured/N:M only: sparse stores zero-heavy weights as ONNX sparse_initializer (smaller file; put this prune last, since later passes edit dense initializers); dense keeps zeros in place.", "sparse", AllowedValues: ["sparse", "dense"]),
            new ParameterDescriptor("round_to", ParameterKind.Integer, "channel only: round each group's kept channels up to a multiple of this (8 suits SIMD kernels).", 1L, 1, 256),
            new ParameterDescriptor("max_layer_sparsity", ParameterKind.Number, "channel, global scope: largest fraction removed from any one channel group.", 0.9, 0.0, 0.99),
            new ParameterDescriptor("calibration_samples", ParameterKind.Integer, "importance: activation only: calibration samples to run.", 128L, 1, 100000),
        ])
    {
        RequiresFor = p => p.GetString("importance") == "activation" ? DataRequirement.Calibration : DataRequirement.None,
    };

    /// <inheritdoc/>
    public PassResult Run(PassContext context)
    {
        var settings = PruneSettings.From(context.Parameters);
        var result = new PassResult(context.Model);
        var before = LayerCostAnalysis.Analyze(context.Model);
        var paramsBefore = LayerCostAnalysis.TotalParameters(context.Model);
        if (settings.Kind == PruneKind.Channel)
        {
            StructuredPruning.Run(context, settings, result);
        }
        else
        {
            MagnitudePruning.Run(context, settings, result);
        }

        var after = LayerCostAnalysis.Analyze(context.Model);
        var paramsAfter = LayerCostAnalysis.TotalParameters(context.Model);
        result.Figures["parameters_before"] = paramsBefore;
        result.Figures["parameters_after"] = paramsAfter;
        result.Figures["macs_before"] = LayerCostAnalysis.TotalMacs(before);
        result.Figures["macs_after"] = LayerCostAnalysis.TotalMacs(after);
        result.Summary.Add(string.Format(CultureInfo.InvariantCulture, "parameters {0:N0} -> {1:N0}, MACs per sample {2:N0} -> {3:N0}", paramsBefore, paramsAfter, result.Figures["macs_before"], result.Figures["macs_after"]));
        result.Tables.Add(LayerCostTable.Build("Per layer: channels, parameters and MACs before and after pruning", before, after));
        return result;
    }
}
