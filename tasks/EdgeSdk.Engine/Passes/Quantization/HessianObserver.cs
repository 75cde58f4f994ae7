// Accumulates H = Σ x·xᵀ over the input vectors a layer multiplies with its weight rows (rows of a
// Gemm/MatMul input, im2col patches of a Conv), the second-order statistic GPTQ rounding needs.
// State is K×K doubles, independent of the number of samples.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Accumulates the input Gram matrix of one Conv/Gemm/MatMul.</summary>
internal sealed class HessianObserver : IActivationObserver
{
    private readonly NodeProto _layer;
    private readonly long[] _kernel;
    private double[]? _h;

    /// <summary>Creates the observer for <paramref name="layer"/>'s activation input; <paramref name="weightShape"/> is its weight's shape.</summary>
    public HessianObserver(NodeProto layer, long[] weightShape)
    {
        _layer = layer;
        Tensor = layer.Input[0];
        _kernel = weightShape;
        Columns = layer.OpType == "Conv" ? (int)(weightShape[1] * weightShape.Skip(2).Aggregate(1L, (a, b) => a * b))
            : layer.OpType == "Gemm" && layer.GetInt("transB", 0) != 0 ? (int)weightShape[1] : (int)weightShape[0];
    }

    /// <inheritdoc/>
    public string Tensor { get; }

    /// <summary>Gets K, the length of the input vectors.</summary>
    public int Columns { get; }

    /// <summary>Gets the number of vectors accumulated.</summary>
    public long Count { get; private set; }

    /// <inheritdoc/>
    public long StateBytes => (long)Columns * Columns * sizeof(double);

    /// <summary>Gets the accumulated (symmetric) matrix, K×K row-major.</summary>
    public double[] Matrix
    {
        get
        {
            var k = Columns;
            var h = (double[])(_h ?? new double[k * k]).Clone();
            for (var i = 0; i < k; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    h[(i * k) + j] = h[(j * k) + i];
                }
            }

            return h;
        }
    }

    /// <inheritdoc/>
    public void Observe(Tensor value)
    {
        _h ??= new double[Columns * Columns];
        var data = value.AsFloat();
        if (_layer.OpType != "Conv")
        {
            for (long start = 0; start + Columns <= data.Length; start += Columns)
            {
                Accumulate(data.AsSpan((int)start, Columns));
            }

            return;
        }

        var patch = new float[Columns];
        foreach (var _ in Im2Col(value, patch))
        {
            Accumulate(patch);
        }
    }

    private void Accumulate(ReadOnlySpan<float> x)
    {
        var k = Columns;
        var h = _h!;
        for (var i = 0; i < k; i++)
        {
            double xi = x[i];
            if (xi == 0)
            {
                continue;
            }

            var row = i * k;
            for (var j = i; j < k; j++)
            {
                h[row + j] += xi * x[j];
            }
        }

        Count++;
    }

    /// <summary>Fills <paramref name="patch"/> with each output position's receptive field (channel, kernel row, kernel column order).</summary>
    private IEnumerable<int> Im2Col(Tensor input, float[] patch)
    {
        var x = input.AsFloat();
        long batch = input.Shape[0], channels = input.Shape[1], height = input.Shape[2], width = input.Shape[3];
        long kh = _kernel[2], kw = _kernel[3];
        var pads = _layer.GetInts("pads") ?? [0, 0, 0, 0];
        var strides = _layer.GetInts("strides") ?? [1, 1];
        var dilations = _layer.GetInts("dilations") ?? [1, 1];
        var outH = ((height + pads[0] + pads[2] - (dilations[0] * (kh - 1)) - 1) / strides[0]) + 1;
        var outW = ((width + pads[1] + pads[3] - (dilations[1] * (kw - 1)) - 1) / strides[1]) + 1;
        for (long b = 0; b < batch; b++)
        {
            for (long oy = 0; oy < outH; oy++)
            {
                for (long ox = 0; ox < outW; ox++)
                {
                    var index = 0;
                    for (long c = 0; c < channels; c++)
                    {
                        for (long i = 0; i < kh; i++)
                        {
                            var y = (oy * strides[0]) - pads[0] + (i * dilations[0]);
                            for (long j = 0; j < kw; j++)
                            {
                                var xx = (ox * strides[1]) - pads[1] + (j * dilations[1]);
                                patch[index++] = y >= 0 && y < height && xx >= 0 && xx < width ? x[(((b * channels) + c) * height * width) + (y * width) + xx] : 0f;
                            }
                        }
                    }

                    yield return index;
                }
            }
        }
    }
}
