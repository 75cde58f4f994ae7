// One way to factorize one layer, with its SVD and the parameter and MAC cost as a function of the rank,
// so rank selection can compare options and skip layers where factorizing would not reduce MACs.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.LowRank;

/// <summary>How a layer is split in two.</summary>
internal enum FactorizationKind
{
    /// <summary>Gemm/MatMul weight [K,N] → [K,R]·[R,N].</summary>
    Matrix,
    /// <summary>Conv [O,I,kh,kw] → Conv [R,I,kh,kw] then 1×1 Conv [O,R] (covers 1×1 convolutions).</summary>
    ConvChannel,
    /// <summary>Conv [O,I,kh,kw] → Conv [R,I,kh,1] then Conv [O,R,1,kw].</summary>
    ConvSpatial,
}

/// <summary>A candidate factorization of one layer.</summary>
internal sealed class FactorizationOption
{
    private readonly long _inner;
    private readonly long _outer;
    private readonly long _firstPixels;
    private readonly long _secondPixels;

    private FactorizationOption(NodeProto node, FactorizationKind kind, TruncatedSvd svd, long inner, long outer, long firstPixels, long secondPixels, long originalParams, long originalMacs)
    {
        Node = node;
        Kind = kind;
        Svd = svd;
        _inner = inner;
        _outer = outer;
        _firstPixels = firstPixels;
        _secondPixels = secondPixels;
        OriginalParameters = originalParams;
        OriginalMacs = originalMacs;
    }

    /// <summary>Gets the layer.</summary>
    public NodeProto Node { get; }

    /// <summary>Gets the kind of split.</summary>
    public FactorizationKind Kind { get; }

    /// <summary>Gets the SVD of the reshaped weight.</summary>
    public TruncatedSvd Svd { get; }

    /// <summary>Gets the layer's weight elements before factorizing.</summary>
    public long OriginalParameters { get; }

    /// <summary>Gets the layer's MACs per sample before factorizing.</summary>
    public long OriginalMacs { get; }

    /// <summary>Returns the weight elements after factorizing at <paramref name="rank"/>.</summary>
    public long Parameters(int rank) => rank * (_inner + _outer);

    /// <summary>Returns the MACs per sample after factorizing at <paramref name="rank"/>.</summary>
    public long Macs(int rank) => rank * ((_inner * _firstPixels) + (_outer * _secondPixels));

    /// <summary>Creates a Gemm/MatMul option for a [K,N] weight whose output has <paramref name="rows"/> rows per sample.</summary>
    public static FactorizationOption Matrix(NodeProto node, float[] weightKn, int k, int n, long rows) =>
        new(node, FactorizationKind.Matrix, new TruncatedSvd(weightKn, k, n), k, n, rows, rows, (long)k * n, rows * k * n);

    /// <summary>Creates a channel-decomposition option for Conv weight [O,I,kh,kw] (any spatial rank).</summary>
    public static FactorizationOption ConvChannel(NodeProto node, float[] weight, long[] dims, long outPixels)
    {
        int o = (int)dims[0], perFilter = (int)(weight.Length / dims[0]);
        return new(node, FactorizationKind.ConvChannel, new TruncatedSvd(weight, o, perFilter), perFilter, o, outPixels, outPixels, weight.Length, outPixels * weight.Length);
    }

    /// <summary>Creates a spatial-factorization option for a 2-D Conv weight [O,I,kh,kw]; <paramref name="firstPixels"/> is H_out × W_in.</summary>
    public static FactorizationOption ConvSpatial(NodeProto node, float[] weight, long[] dims, long firstPixels, long outPixels)
    {
        int o = (int)dims[0], i = (int)dims[1], kh = (int)dims[2], kw = (int)dims[3];
        var m = new float[weight.Length];
        for (var oo = 0; oo < o; oo++)
        {
            for (var ii = 0; ii < i; ii++)
            {
                for (var h = 0; h < kh; h++)
                {
                    for (var w = 0; w < kw; w++)
                    {
                        m[(((ii * kh) + h) * o * kw) + (oo * kw) + w] = weight[(((((oo * i) + ii) * kh) + h) * kw) + w];
                    }
                }
            }
        }

        return new(node, FactorizationKind.ConvSpatial, new TruncatedSvd(m, i * kh, o * kw), (long)i * kh, (long)o * kw, firstPixels, outPixels, weight.Length, outPixels * weight.Length);
    }

    /// <summary>Reads a Gemm/MatMul weight as a [K,N] matrix with alpha folded in.</summary>
    public static float[] WeightAsKn(NodeProto node, TensorProto weight, out int k, out int n)
    {
        var data = TensorProtoConverter.ToFloatArray(weight);
        int rows = (int)weight.Dims[0], cols = (int)weight.Dims[1];
        var transB = node.OpType == "Gemm" && node.GetInt("transB", 0) != 0;
        var alpha = node.OpType == "Gemm" ? node.GetFloat("alpha", 1f) : 1f;
        (k, n) = transB ? (cols, rows) : (rows, cols);
        var result = new float[data.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var v = data[(r * cols) + c] * alpha;
                if (transB)
                {
                    result[(c * rows) + r] = v;
                }
                else
                {
                    result[(r * cols) + c] = v;
                }
            }
        }

        return result;
    }
}
