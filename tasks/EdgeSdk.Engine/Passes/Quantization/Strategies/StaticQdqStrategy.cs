// The static mode: calibrated QDQ. Optionally equalizes Conv chains first, calibrates once through
// StaticQuantizer (placement by QdqPlacementPlanner and its operator registry), offers the quantized
// layers that do not merely move data to the decision steps, and describes the plan, the calibration, the
// layers kept float and the SQNR per tensor.
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Static (calibrated QDQ) quantization.</summary>
internal sealed class StaticQdqStrategy : IQuantizationStrategy
{
    private readonly PassContext _context;
    private readonly QuantizationOptions _options;
    private readonly ModelGraph _prepared;
    private readonly StaticQuantizer _quantizer;

    /// <summary>Prepares (cross-layer equalization), plans and sets up calibration for <paramref name="context"/>'s model.</summary>
    public StaticQdqStrategy(PassContext context, QuantizationOptions options)
    {
        _context = context;
        _options = options;
        var calibration = context.Data.Calibration
            ?? throw new EdgeException(DiagnosticCatalog.Quantization.CalibrationDataMissing, "quantize: mode 'static' needs calibration data; add data.calibration to the recipe (a few hundred representative samples), or use mode: dynamic.", context.Options.LocationOf("mode"));
        _prepared = options.CrossLayerEqualization ? Equalized(context) : context.Model;
        _quantizer = new StaticQuantizer(_prepared, options, calibration, context.Threads, context.Progress, context.Cancellation);
        var initial = QdqPlacementPlanner.Plan(_prepared, QdqPlacementOptions.From(options));
        if (initial.QuantizedNodes.Count == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.NothingToQuantize, "quantize: no node of the model can be quantized with these options (check exclude_nodes, exclude_op_types and keep_first/last_layer_float).");
        }

        Candidates = initial.QuantizedNodes.Where(n => !IsDataMovement(_prepared, n)).ToList();
    }

    /// <inheritdoc/>
    public QuantizationMode Mode => QuantizationMode.Static;

    /// <inheritdoc/>
    public IReadOnlyList<string> Candidates { get; }

    /// <inheritdoc/>
    public ModelGraph Build(IReadOnlyCollection<string> floatLayers) => _quantizer.Quantize(floatLayers).Model;

    /// <inheritdoc/>
    public void Describe(PassResult result, ModelGraph model, IReadOnlyDictionary<string, string> floatLayers)
    {
        var variant = _quantizer.Quantize(floatLayers.Keys.ToList());
        var plan = variant.Plan;
        var options = _options;
        result.Figures["quantized_layers"] = plan.QuantizedLayers.Count;
        result.Figures["quantize_nodes"] = variant.Write.QuantizeNodes;
        result.Figures["dequantize_nodes"] = variant.Write.DequantizeNodes;
        result.Figures["calibration_samples"] = _quantizer.CalibrationSamples;
        result.Figures["calibration_state_bytes"] = _quantizer.CalibrationStateBytes;
        result.Summary.Add($"static QDQ: {plan.QuantizedLayers.Count} Conv/Gemm/MatMul and {plan.QuantizedNodes.Count - plan.QuantizedLayers.Count} other node(s) quantized; activations {(options.ActivationType == Tensors.TensorElementType.Int8 ? "int8" : "uint8")} {(options.ActivationSymmetric ? "symmetric" : "asymmetric")}, weights {options.WeightBits}-bit {(options.PerChannel ? "per channel" : "per tensor")}, bias int32; {plan.Absorbed.Count} Relu/Clip absorbed into their producer's range");
        result.Summary.Add($"calibration: {options.Calibration.ToString().ToLowerInvariant()}{(options.Calibration == CalibrationMethod.Percentile ? " " + options.Percentile.ToString("0.#####", CultureInfo.InvariantCulture) : string.Empty)} over {_quantizer.CalibrationSamples} sample(s), {plan.CalibrationTensors.Count} tensor(s), {_quantizer.CalibrationStateBytes} bytes of calibration state");
        result.Warnings.AddRange(_quantizer.Notes);

        var floatRows = plan.FloatNodes.Select(f => (IReadOnlyList<string>)[f.Node, f.OpType, floatLayers.TryGetValue(f.Node, out var step) ? step + " decision (quantize step)" : f.Reason]).ToList();
        if (floatRows.Count > 0)
        {
            result.Tables.Add(new ReportTable("Layers kept in float", ["node", "op", "why"], floatRows));
        }

        if (options.SqnrSamples > 0 && _context.Data.Calibration is { } calibration)
        {
            var sqnr = SqnrReport.Measure(_prepared, variant.Model, variant.Write.DequantizedTensors, calibration, options.SqnrSamples, _context.Threads);
            if (sqnr.Count > 0)
            {
                result.Figures["sqnr_worst_db"] = sqnr[0].SqnrDb;
                result.Tables.Add(new ReportTable("SQNR per tensor, float vs quantized (worst first)", ["tensor", "SQNR (dB)"], sqnr.Take(20).Select(s => (IReadOnlyList<string>)[s.Tensor, F(s.SqnrDb)]).ToList()));
                result.Summary.Add($"worst SQNR {F(sqnr[0].SqnrDb)} dB at '{sqnr[0].Tensor}'");
            }
        }
    }

    private static ModelGraph Equalized(PassContext context)
    {
        var prepared = context.Model.Clone();
        var equalization = CrossLayerEqualizer.Apply(prepared);
        context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.OptionSkipped, DiagnosticSeverity.Info, $"quantize: cross-layer equalization adjusted {equalization.Pairs.Count} Conv pair(s); skipped {equalization.Skipped.Count}."));
        foreach (var skipped in equalization.Skipped)
        {
            context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.OptionSkipped, DiagnosticSeverity.Info, "quantize: cross-layer equalization skipped " + skipped));
        }

        return prepared;
    }

    private static bool IsDataMovement(ModelGraph graph, string node) => graph.Nodes.FirstOrDefault(n => n.Name == node) is { } found && QdqOperatorRegistry.IsDataMovement(found.OpType);

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
