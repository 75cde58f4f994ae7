// The `quantize` pass, shaped like ONNX Runtime's quantization tool: the mode is a strategy (static QDQ,
// dynamic, weight-only; QuantizationStrategies picks it), every mode selects nodes with the same
// QuantizationNodeSelector, static placement looks operator handling up in QdqOperatorRegistry, and after
// the first build a list of decision steps may return layers to float (the accuracy-aware fallback, then the
// host-latency decision; each names itself in the report). This class only runs those steps in order and assembles
// the report. A model below opset 13 is first upgraded to 13 (OpsetUpgradeStep).
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Options;
using EdgeSdk.Targets;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Post-training quantization.</summary>
internal sealed class QuantizePass : Pass<QuantizationOptions>, IHostDependentWarnings
{
    /// <summary>The decision steps with the name the report gives the layers each returns to float, in the order they run after the strategy's first build.</summary>
    private static readonly IReadOnlyList<(string Name, IQuantizationDecision Step)> DefaultDecisions =
    [
        ("accuracy fallback", new AccuracyFallbackDecision()),
        ("host latency", new HostLatencyDecision()),
    ];

    private readonly IReadOnlyList<(string Name, IQuantizationDecision Step)> _decisions;

    /// <summary>Creates the pass with its default decision steps.</summary>
    public QuantizePass()
        : this(DefaultDecisions)
    {
    }

    /// <summary>Creates the pass with the given decision steps (tests inject timing sources).</summary>
    internal QuantizePass(IReadOnlyList<(string Name, IQuantizationDecision Step)> decisions) => _decisions = decisions;

    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "quantize",
        2,
        "Post-training quantization: static int8 QDQ with calibration, dynamic int8, or weight-only 4-bit (MatMulNBits), with accuracy-aware fallback to float and, per layer, float where int8 is slower on the build host.");

    /// <inheritdoc/>
    public override PassOptionSet<QuantizationOptions> Options => QuantizationOptions.Declarations;

    /// <inheritdoc/>
    protected override DataRequirement RequiredData(QuantizationOptions options) => options.Mode == QuantizationMode.Static ? DataRequirement.Calibration : DataRequirement.None;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, QuantizationOptions requested)
    {
        var options = requested.ForTarget(context.Target);
        var upgraded = OpsetUpgradeStep.Run(context); // below opset 13: upgrade (verified in ONNX Runtime) instead of refusing
        CheckExclusions(context, options);
        var strategy = QuantizationStrategies.Create(context, options);
        var floatLayers = new List<string>();
        var decidedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var model = strategy.Build(floatLayers);
        var result = new PassResult(model);
        if (upgraded is not null)
        {
            result.Summary.Add(upgraded);
        }

        foreach (var line in options.TargetDefaultsApplied)
        {
            result.Summary.Add(line);
            context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.TargetDefaultsApplied, DiagnosticSeverity.Info, "quantize: " + line));
        }

        foreach (var (name, decision) in _decisions)
        {
            var more = decision.Decide(new QuantizationDecisionContext(context, options, strategy, model, floatLayers, result));
            if (more.Count > 0)
            {
                foreach (var layer in more.Where(l => !floatLayers.Contains(l)))
                {
                    floatLayers.Add(layer);
                    decidedBy[layer] = name;
                }

                model = strategy.Build(floatLayers);
                result = Rebase(result, model);
            }
        }

        strategy.Describe(result, model, decidedBy);
        foreach (var warning in HostWarnings(context.Options, context.Target, context.Host))
        {
            result.Summary.Add(IHostDependentWarnings.SummaryLine(warning));
            context.Report(warning);
        }

        return result;
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> HostWarningCodes { get; } = [DiagnosticCatalog.Quantization.WeightSaturationRisk.Code];

    /// <inheritdoc/>
    public IReadOnlyList<EdgeDiagnostic> HostWarnings(BoundPassOptions options, TargetProfile target, TargetProfile host) =>
        WeightSaturationCheck.Check(options.Get<QuantizationOptions>().ForTarget(target), target, host, options, "quantize") is { } saturation ? [saturation] : [];

    private static PassResult Rebase(PassResult previous, ModelGraph model)
    {
        var result = new PassResult(model);
        result.Summary.AddRange(previous.Summary);
        result.Warnings.AddRange(previous.Warnings);
        result.HostDependent = previous.HostDependent;
        foreach (var (k, v) in previous.Facts)
        {
            result.Facts[k] = v;
        }

        result.Tables.AddRange(previous.Tables);
        foreach (var (k, v) in previous.Figures)
        {
            result.Figures[k] = v;
        }

        return result;
    }

    private static void CheckExclusions(PassContext context, QuantizationOptions options)
    {
        var names = context.Model.Nodes.Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = options.ExcludeNodes.Where(n => !names.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            var suggestion = names.OrderBy(n => EdgeSdk.Diagnostics.DidYouMean.Distance(n, unknown[0])).First();
            throw new EdgeException(DiagnosticCatalog.Quantization.UnknownExclusion, $"quantize: exclude_nodes names '{unknown[0]}', which the model does not have (did you mean '{suggestion}'?). Node names are listed by `edgesdk inspect`.", context.Options.LocationOf("exclude_nodes"));
        }
    }
}
