// Affine quantization parameters and the arithmetic ONNX's QuantizeLinear/DequantizeLinear define
// (round half to even, saturate). Every quantizer (activations, weights, bias, 4-bit blocks) computes
// its scales and zero points here so the numbers agree with ONNX Runtime's kernels.
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Scale and zero point of one quantized tensor (or one channel of it).</summary>
/// <param name="Scale">Real value of one quantization step.</param>
/// <param name="ZeroPoint">Integer that represents real zero.</param>
/// <param name="Type">Integer element type (UInt8, Int8 or Int32).</param>
internal sealed record QuantParams(float Scale, int ZeroPoint, TensorElementType Type)
{
    /// <summary>Gets the smallest integer of <see cref="Type"/>.</summary>
    public int QMin => Limits(Type).Min;

    /// <summary>Gets the largest integer of <see cref="Type"/>.</summary>
    public int QMax => Limits(Type).Max;

    /// <summary>Returns the full integer range of an element type.</summary>
    public static (int Min, int Max) Limits(TensorElementType type) => type switch
    {
        TensorElementType.UInt8 => (0, 255),
        TensorElementType.Int8 => (-128, 127),
        TensorElementType.Int32 => (int.MinValue, int.MaxValue),
        _ => throw new ArgumentException($"{type} is not a quantized integer type."),
    };

    /// <summary>
    /// Parameters for an activation observed in [<paramref name="min"/>, <paramref name="max"/>]; the range is
    /// widened to contain zero so that zero is exact. Symmetric uint8 uses zero point 128, symmetric int8 uses
    /// [-127, 127] with zero point 0 (ONNX Runtime's conventions).
    /// </summary>
    public static QuantParams ForActivation(float min, float max, TensorElementType type, bool symmetric)
    {
        var rmin = Math.Min(min, 0f);
        var rmax = Math.Max(max, 0f);
        var (qmin, qmax) = Limits(type);
        if (symmetric)
        {
            var absMax = Math.Max(Math.Abs(rmin), Math.Abs(rmax));
            if (type == TensorElementType.Int8)
            {
                qmin = -127;
            }

            rmin = -absMax;
            rmax = absMax;
        }

        var scale = (rmax - rmin) / (qmax - qmin);
        if (!(scale > 0f) || !float.IsFinite(scale))
        {
            return new QuantParams(1f, symmetric && type == TensorElementType.UInt8 ? 128 : Math.Max(0, qmin), type);
        }

        int zeroPoint = symmetric
            ? (type == TensorElementType.UInt8 ? 128 : 0)
            : (int)Math.Clamp(MathF.Round(qmin - (rmin / scale), MidpointRounding.ToEven), qmin, qmax);
        return new QuantParams(scale, zeroPoint, type);
    }

    /// <summary>Symmetric parameters for weights with <paramref name="bits"/> bits (int8 storage, range ±(2^(bits-1)-1)).</summary>
    public static QuantParams ForSymmetricWeight(float absMax, int bits)
    {
        var qmax = (1 << (bits - 1)) - 1;
        var scale = absMax / qmax;
        return new QuantParams(scale > 0f && float.IsFinite(scale) ? scale : 1f, 0, TensorElementType.Int8);
    }

    /// <summary>Quantizes one value: saturate(round_half_even(x / scale) + zero point).</summary>
    public int Quantize(float x) => Quantize(x, QMin, QMax);

    /// <summary>Quantizes one value into a narrower integer range (e.g. 7-bit weights).</summary>
    public int Quantize(float x, int qmin, int qmax)
    {
        var q = Math.Round((double)(x / Scale), MidpointRounding.ToEven) + ZeroPoint;
        return (int)Math.Clamp(q, qmin, qmax);
    }

    /// <summary>Dequantizes one integer: (q - zero point) * scale.</summary>
    public float Dequantize(int q) => (q - ZeroPoint) * Scale;

    /// <summary>Quantizes then dequantizes (the value the quantized model sees).</summary>
    public float FakeQuantize(float x) => Dequantize(Quantize(x));
}
