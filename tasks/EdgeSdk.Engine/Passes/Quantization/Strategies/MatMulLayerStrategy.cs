// The strategies that rewrite MatMul/Gemm layers with constant weights in place (dynamic int8 and
// weight-only 4-bit): the candidates are the eligible layers, and a variant is a copy of the input model
// with the mode's rewrite applied to the layers the selection leaves.
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Dynamic and weight-only quantization of MatMul/Gemm layers.</summary>
internal abstract class MatMulLayerStrategy : IQuantizationStrategy
{
    private readonly ModelGraph _source;

    /// <summary>Creates the strategy for <paramref name="source"/> (not modified).</summary>
    protected MatMulLayerStrategy(ModelGraph source, QuantizationOptions options)
    {
        _source = source;
        Options = options;
        Candidates = MatMulWeightLayers.All(source).Select(n => n.Name).ToList();
    }

    /// <inheritdoc/>
    public abstract QuantizationMode Mode { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Candidates { get; }

    /// <summary>Gets the options.</summary>
    protected QuantizationOptions Options { get; }

    /// <inheritdoc/>
    public ModelGraph Build(IReadOnlyCollection<string> floatLayers)
    {
        var copy = _source.Clone();
        Rewrite(copy, Options with { ExcludeNodes = [.. Options.ExcludeNodes, .. floatLayers] });
        return copy;
    }

    /// <inheritdoc/>
    public void Describe(PassResult result, ModelGraph model, IReadOnlyDictionary<string, string> floatLayers)
    {
        var counts = model.OpCounts();
        result.Figures["quantized_layers"] = counts.GetValueOrDefault("MatMulInteger") + counts.GetValueOrDefault("com.microsoft.MatMulNBits");
        result.Summary.Add(Summary(counts));
    }

    /// <summary>Rewrites the selected layers of <paramref name="graph"/> in place.</summary>
    protected abstract void Rewrite(ModelGraph graph, QuantizationOptions options);

    /// <summary>Returns the summary line for the final model's operator counts.</summary>
    protected abstract string Summary(IReadOnlyDictionary<string, int> counts);
}
