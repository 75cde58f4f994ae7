// Scales, zero points and quantized values against hand-computed numbers (ONNX QuantizeLinear semantics).
using EdgeSdk.Passes.Quantization;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Quantization;

public class QuantArithmeticTests
{
    [Fact]
    public void AsymmetricUint8RangeIncludesZeroAndRoundsTheZeroPointHalfToEven()
    {
        // [-1, 3]: scale = 4/255; zero point = round(0 - (-1)/scale) = round(63.75) = 64.
        var p = QuantParams.ForActivation(-1f, 3f, TensorElementType.UInt8, symmetric: false);
        p.Scale.Should().BeApproximately(4f / 255f, 1e-9f);
        p.ZeroPoint.Should().Be(64);
        p.Quantize(3f).Should().Be(255);
        p.Quantize(-5f).Should().Be(0);
        p.Quantize(0f).Should().Be(64);

        // A post-Relu range [0.5, 2] widens to [0, 2]: zero point 0, scale 2/255.
        var relu = QuantParams.ForActivation(0.5f, 2f, TensorElementType.UInt8, symmetric: false);
        relu.ZeroPoint.Should().Be(0);
        relu.Scale.Should().BeApproximately(2f / 255f, 1e-9f);
    }

    [Fact]
    public void SymmetricActivationsUseOnnxRuntimeConventions()
    {
        var s8 = QuantParams.ForActivation(-2f, 1f, TensorElementType.Int8, symmetric: true);
        s8.ZeroPoint.Should().Be(0);
        s8.Scale.Should().BeApproximately(4f / 254f, 1e-9f); // [-127, 127]
        var u8 = QuantParams.ForActivation(-2f, 1f, TensorElementType.UInt8, symmetric: true);
        u8.ZeroPoint.Should().Be(128);
        u8.Scale.Should().BeApproximately(4f / 255f, 1e-9f);
    }

    [Fact]
    public void QuantizeRoundsHalfToEven()
    {
        var p = new QuantParams(1f, 0, TensorElementType.Int8);
        p.Quantize(2.5f).Should().Be(2);
        p.Quantize(3.5f).Should().Be(4);
        p.Quantize(-2.5f).Should().Be(-2);
        p.Quantize(1000f).Should().Be(127);
    }

    [Fact]
    public void PerChannelWeightsUseEachChannelsLargestMagnitude()
    {
        // Two output channels of a [2, 3] weight: absmax 2 and 0.5 → scales 2/127 and 0.5/127.
        float[] w = [2f, -1f, 0.5f, 0.25f, -0.5f, 0.1f];
        var q = PerChannelWeightQuantizer.Quantize(w, [2, 3], axis: 0, bits: 8);
        q.Scales.Should().Equal(2f / 127f, 0.5f / 127f);
        q.Values.Should().Equal(new sbyte[] { 127, -64, 32, 64, -127, 25 }); // -63.5 → -64 (even), 31.75 → 32, 25.4 → 25
        var perTensor = PerChannelWeightQuantizer.Quantize(w, [2, 3], axis: -1, bits: 8);
        perTensor.Scales.Should().ContainSingle().Which.Should().Be(2f / 127f);
        perTensor.Values[3].Should().Be(16); // 0.25 / (2/127) = 15.875
    }

    [Fact]
    public void SevenBitWeightsStayWithinSixtyThree()
    {
        var q = PerChannelWeightQuantizer.Quantize([1f, -1f, 0.25f], [3], axis: -1, bits: 7);
        q.Scales[0].Should().Be(1f / 63f);
        q.Values.Should().Equal(new sbyte[] { 63, -63, 16 }); // 15.75 → 16
    }

    [Fact]
    public void PerChannelAxisOneQuantizesColumns()
    {
        // [K=2, N=2] MatMul weight, columns absmax 1 and 4.
        var q = PerChannelWeightQuantizer.Quantize([1f, 4f, -0.5f, 2f], [2, 2], axis: 1, bits: 8);
        q.Scales.Should().Equal(1f / 127f, 4f / 127f);
        q.Values.Should().Equal(new sbyte[] { 127, 127, -64, 64 });
        q.Dequantize()[1].Should().BeApproximately(4f, 1e-6f);
    }
}
