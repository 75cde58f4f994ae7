// The `prune` pass. Structured (the default) removes whole channels so ONNX Runtime does less work and the
// file holds fewer parameters; unstructured and N:M zero single weights and store them sparsely so the
// file shrinks, with a plain warning that ONNX Runtime's CPU kernels do not run faster on them.
using System.Globalization;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Structured channel pruning with dependency groups; unstructured and N:M magnitude pruning.</summary>
internal sealed class PrunePass : Pass<PruneOptions>
{
    /// <summary>The warning every unstructured/N:M result carries.</summary>
    public const string NoSpeedupWarning = "ONNX Runtime's CPU kernels gain no speed from unstructured or N:M sparsity: the zeros are still multiplied. Only the file is smaller; use pattern: channel to make the model faster.";

    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "prune",
        1,
        "Removes whole Conv/Gemm/MatMul output channels with every dependent tensor (pattern: channel), or zeroes weights by magnitude (unstructured, N:M) and stores them sparsely.");

    /// <inheritdoc/>
    public override PassOptionSet<PruneOptions> Options => PruneOptions.Declarations;

    /// <inheritdoc/>
    protected override DataRequirement RequiredData(PruneOptions options) => options.Importance == ImportanceMethod.Activation ? DataRequirement.Calibration : DataRequirement.None;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, PruneOptions settings)
    {
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
