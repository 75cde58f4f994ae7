// Round-to-nearest symmetric weight quantization, one scale per output channel (or per tensor): the
// default weight quantizer of static and dynamic quantization. Scales use the channel's largest
// magnitude, so no weight saturates; 7-bit weights (reduce_range) shrink the integer range.
namespace EdgeSdk.Passes.Quantization;

/// <summary>Quantizes weights symmetrically to int8 storage.</summary>
internal static class PerChannelWeightQuantizer
{
    /// <summary>Quantizes <paramref name="weights"/> of <paramref name="shape"/> along <paramref name="axis"/> (-1 = per tensor) with <paramref name="bits"/> bits.</summary>
    public static QuantizedWeight Quantize(float[] weights, long[] shape, int axis, int bits)
    {
        var channels = axis < 0 ? 1 : (int)shape[axis];
        var inner = axis < 0 ? 1 : shape.Skip(axis + 1).Aggregate(1L, (a, b) => a * b);
        var absMax = new float[channels];
        for (long i = 0; i < weights.Length; i++)
        {
            var c = axis < 0 ? 0 : (int)(i / inner % channels);
            absMax[c] = Math.Max(absMax[c], Math.Abs(weights[i]));
        }

        var parameters = absMax.Select(m => QuantParams.ForSymmetricWeight(m, bits)).ToArray();
        var qmax = (1 << (bits - 1)) - 1;
        var values = new sbyte[weights.Length];
        for (long i = 0; i < weights.Length; i++)
        {
            var c = axis < 0 ? 0 : (int)(i / inner % channels);
            values[i] = (sbyte)parameters[c].Quantize(weights[i], -qmax, qmax);
        }

        return new QuantizedWeight(values, parameters.Select(p => p.Scale).ToArray(), axis, shape);
    }
}
