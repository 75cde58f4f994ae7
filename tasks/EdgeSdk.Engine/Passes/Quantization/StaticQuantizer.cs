// Static (calibrated QDQ) quantization of one prepared float model, repeatable with different sets of
// layers kept float: calibration statistics are collected once (and topped up when a new plan needs a
// range not observed yet), weights are rounded once per layer, so the accuracy fallback can try many
// variants cheaply.
using EdgeSdk.Diagnostics;
using EdgeSdk.Data;
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>One quantized variant.</summary>
/// <param name="Model">The QDQ model.</param>
/// <param name="Plan">Its placement.</param>
/// <param name="Write">What the writer did (and where dequantized tensors are).</param>
internal sealed record StaticVariant(ModelGraph Model, QdqPlan Plan, QdqWriteResult Write);

/// <summary>Calibrates once and builds QDQ variants of a float model.</summary>
internal sealed class StaticQuantizer
{
    private readonly ModelGraph _float;
    private readonly QuantizationOptions _options;
    private readonly IDataSet _calibration;
    private readonly int _threads;
    private readonly IProgress<ProgressUpdate>? _progress;
    private readonly CancellationToken _cancellation;
    private readonly Dictionary<string, ITensorCalibrator> _ranges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelMeanObserver> _means = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HessianObserver> _hessians = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QuantizedWeight> _weights = new(StringComparer.Ordinal);
    private bool _layerStatisticsCollected;

    /// <summary>Creates the quantizer for <paramref name="floatModel"/> (not modified).</summary>
    public StaticQuantizer(ModelGraph floatModel, QuantizationOptions options, IDataSet calibration, int threads, IProgress<ProgressUpdate>? progress = null, CancellationToken cancellation = default)
    {
        _float = floatModel;
        _options = options;
        _calibration = calibration;
        _threads = threads;
        _progress = progress;
        _cancellation = cancellation;
    }

    /// <summary>Gets the number of calibration samples seen by the first calibration.</summary>
    public int CalibrationSamples { get; private set; }

    /// <summary>Gets the bytes of calibration state (histograms, means, Hessians) held.</summary>
    public long CalibrationStateBytes => _ranges.Values.Sum(r => r.StateBytes) + _means.Values.Sum(m => m.StateBytes) + _hessians.Values.Sum(h => h.StateBytes);

    /// <summary>Gets notes about layers where an option could not be applied.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Gets the calibrated (min, max) of a float tensor, if observed.</summary>
    public (float Min, float Max)? RangeOf(string tensor) => _ranges.TryGetValue(tensor, out var c) && c.HasData ? c.ComputeRange() : null;

    /// <summary>Builds the QDQ model with <paramref name="floatLayers"/> (node names) kept float.</summary>
    public StaticVariant Quantize(IReadOnlyCollection<string> floatLayers)
    {
        var plan = QdqPlacementPlanner.Plan(_float, QdqPlacementOptions.From(_options, floatLayers));
        Calibrate(plan);
        var parameters = new Dictionary<string, QuantParams>(StringComparer.Ordinal);
        foreach (var tensor in plan.CalibrationTensors)
        {
            var calibrator = _ranges[tensor];
            if (!calibrator.HasData)
            {
                throw new Diagnostics.EdgeException(DiagnosticCatalog.Quantization.CalibrationFailed, $"quantize: tensor '{tensor}' never had a finite value during calibration; check the calibration data (NaN/Inf) or exclude the nodes that produce it.");
            }

            var (min, max) = calibrator.ComputeRange();
            parameters[tensor] = QuantParams.ForActivation(min, max, plan.ActivationType, plan.ActivationSymmetric);
        }

        var model = _float.Clone();
        var weights = new Dictionary<string, QuantizedWeight>(StringComparer.Ordinal);
        foreach (var layer in plan.QuantizedLayers)
        {
            var node = model.Nodes.First(n => n.Name == layer);
            if (model.GetInitializer(node.Input[1]) is null)
            {
                continue;
            }

            weights[layer] = WeightFor(model, node);
            if (_options.BiasCorrection && node.OpType is "Conv" or "Gemm" && _means.TryGetValue(layer, out var means) && means.Means.Length > 0)
            {
                BiasCorrector.Correct(model, node, weights[layer], means.Means);
            }
        }

        // Bias correction may have added bias inputs; plan them as int32 constants like the others.
        if (_options.BiasCorrection)
        {
            plan = QdqPlacementPlanner.Plan(model, QdqPlacementOptions.From(_options, floatLayers));
        }

        var write = QdqGraphWriter.Write(model, plan, parameters, _options.WeightBits, weights);
        return new StaticVariant(model, plan, write);
    }

    private QuantizedWeight WeightFor(ModelGraph model, Onnx.Proto.NodeProto node)
    {
        if (_weights.TryGetValue(node.Name, out var cached))
        {
            return cached;
        }

        var (rows, rowCount, k, shape) = LayerWeights.ToRows(model, node);
        QuantizedWeight weight;
        if (_options.Gptq && _hessians.TryGetValue(node.Name, out var hessian) && hessian.Count > 0 && hessian.Columns == k)
        {
            var (values, scales) = GptqRounder.Round(rows, rowCount, k, hessian.Matrix, _options.WeightBits, _options.PerChannel, _options.GptqDamp);
            weight = LayerWeights.FromRows(node, values, rowCount, k, scales, shape, _options.PerChannel);
        }
        else
        {
            var axis = _options.PerChannel ? (LayerWeights.IsColumnMajor(node) ? 1 : 0) : -1;
            weight = PerChannelWeightQuantizer.Quantize(TensorProtoConverter.ToFloatArray(model.GetInitializer(node.Input[1])!), shape, axis, _options.WeightBits);
        }

        _weights[node.Name] = weight;
        return weight;
    }

    private void Calibrate(QdqPlan plan)
    {
        var observers = new List<IActivationObserver>();
        foreach (var tensor in plan.CalibrationTensors.Where(t => !_ranges.ContainsKey(t)))
        {
            var calibrator = ITensorCalibrator.Create(_options.Calibration, _options.Percentile, _options.ActivationSymmetric);
            _ranges[tensor] = calibrator;
            observers.Add(new RangeObserver(tensor, calibrator));
        }

        if (!_layerStatisticsCollected)
        {
            _layerStatisticsCollected = true;
            foreach (var layer in plan.QuantizedLayers)
            {
                var node = _float.Nodes.First(n => n.Name == layer);
                if (_float.GetInitializer(node.Input[1]) is not { } weight)
                {
                    continue;
                }

                if (_options.BiasCorrection && node.OpType is "Conv" or "Gemm")
                {
                    _means[layer] = new ChannelMeanObserver(node.Input[0]);
                    observers.Add(_means[layer]);
                }

                if (_options.Gptq)
                {
                    if (node.OpType == "Conv" && node.GetInt("group", 1) != 1)
                    {
                        Notes.Add($"gptq: {layer} is a grouped Conv; rounded to nearest instead");
                        continue;
                    }

                    _hessians[layer] = new HessianObserver(node, weight.Dims.ToArray());
                    observers.Add(_hessians[layer]);
                }
            }
        }

        if (observers.Count > 0)
        {
            var seen = CalibrationCollector.Collect(_float, _calibration, observers, _options.CalibrationSamples, _options.CalibrationBatchSize, _threads, _progress, _cancellation);
            CalibrationSamples = Math.Max(CalibrationSamples, seen);
        }
    }
}
