// A weight tensor in integer form: int8 values with one scale per channel (or one for the tensor).
// Produced by the per-channel quantizer or GPTQ rounding, consumed by the QDQ writer and bias correction.
namespace EdgeSdk.Passes.Quantization;

/// <summary>Symmetric int8 weights (zero point 0) with per-channel or per-tensor scales.</summary>
/// <param name="Values">Quantized values, same layout as the float weight.</param>
/// <param name="Scales">One scale per channel along <paramref name="Axis"/>, or a single scale.</param>
/// <param name="Axis">Channel axis, or -1 for per-tensor.</param>
/// <param name="Shape">The weight's shape.</param>
internal sealed record QuantizedWeight(sbyte[] Values, float[] Scales, int Axis, long[] Shape)
{
    /// <summary>Returns the channel of flat element <paramref name="index"/> (0 for per-tensor).</summary>
    public int ChannelOf(long index) => Axis < 0 ? 0 : (int)(index / InnerSize % Shape[Axis]);

    /// <summary>Gets the number of elements after the channel axis.</summary>
    public long InnerSize => Axis < 0 ? 1 : Shape.Skip(Axis + 1).Aggregate(1L, (a, b) => a * b);

    /// <summary>Returns the dequantized weights.</summary>
    public float[] Dequantize()
    {
        var result = new float[Values.Length];
        for (var i = 0; i < Values.Length; i++)
        {
            result[i] = Values[i] * Scales[ChannelOf(i)];
        }

        return result;
    }
}
