// Picks the strategy of a quantize run from its mode: the one place the mode is switched on.
namespace EdgeSdk.Passes.Quantization;

/// <summary>The strategy of each mode.</summary>
internal static class QuantizationStrategies
{
    /// <summary>Creates the strategy for <paramref name="options"/>' mode on <paramref name="context"/>'s model.</summary>
    public static IQuantizationStrategy Create(PassContext context, QuantizationOptions options) => options.Mode switch
    {
        QuantizationMode.Dynamic => new DynamicStrategy(context.Model, options),
        QuantizationMode.WeightOnly => new WeightOnlyStrategy(context.Model, options),
        _ => new StaticQdqStrategy(context, options),
    };
}
