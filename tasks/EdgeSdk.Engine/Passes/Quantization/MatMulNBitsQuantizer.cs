// Weight-only 4-bit quantization for transformer-style MatMuls: each column of the [K, N] weight is cut
// into blocks of block_size along K, each block gets a scale (and a 4-bit zero point unless symmetric),
// and the layer becomes ONNX Runtime's com.microsoft.MatMulNBits, whose layout is: B uint8
// [N, blocks, block_size/2] with two codes per byte (low nibble first), scales [N·blocks], zero points
// packed two per byte [N·ceil(blocks/2)] (8 when absent).
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>A 4-bit block-quantized [K, N] weight in MatMulNBits layout.</summary>
/// <param name="Packed">Codes, [N, blocks, blockSize/2].</param>
/// <param name="Scales">Scales, [N·blocks].</param>
/// <param name="ZeroPoints">Packed zero points [N·ceil(blocks/2)], or null when symmetric.</param>
/// <param name="K">Rows of the weight.</param>
/// <param name="N">Columns of the weight.</param>
/// <param name="BlockSize">Block size.</param>
internal sealed record NBitsWeight(byte[] Packed, float[] Scales, byte[]? ZeroPoints, long K, long N, int BlockSize)
{
    /// <summary>Gets the number of blocks per column.</summary>
    public long Blocks => (K + BlockSize - 1) / BlockSize;

    /// <summary>Returns the dequantized [K, N] weight (what MatMulNBits multiplies with).</summary>
    public float[] Dequantize()
    {
        var result = new float[K * N];
        var blob = BlockSize / 2;
        var zpStride = (Blocks + 1) / 2;
        for (long n = 0; n < N; n++)
        {
            for (long k = 0; k < K; k++)
            {
                var b = k / BlockSize;
                var within = k % BlockSize;
                var packed = Packed[(((n * Blocks) + b) * blob) + (within / 2)];
                var code = within % 2 == 0 ? packed & 0x0F : packed >> 4;
                var zp = ZeroPoints is null ? 8 : (b % 2 == 0 ? ZeroPoints[(n * zpStride) + (b / 2)] & 0x0F : ZeroPoints[(n * zpStride) + (b / 2)] >> 4);
                result[(k * N) + n] = (code - zp) * Scales[(n * Blocks) + b];
            }
        }

        return result;
    }
}

/// <summary>Rewrites MatMul/Gemm with constant weights into MatMulNBits (4-bit, block-wise).</summary>
internal static class MatMulNBitsQuantizer
{
    /// <summary>Quantizes a [K, N] weight (row-major) into 4-bit blocks.</summary>
    public static NBitsWeight Quantize(float[] weights, long k, long n, int blockSize, bool symmetric)
    {
        var blocks = (k + blockSize - 1) / blockSize;
        var blob = blockSize / 2;
        var packed = new byte[n * blocks * blob];
        var scales = new float[n * blocks];
        var zpStride = (blocks + 1) / 2;
        var zeroPoints = symmetric ? null : new byte[n * zpStride];
        for (long col = 0; col < n; col++)
        {
            for (long b = 0; b < blocks; b++)
            {
                float min = 0, max = 0;
                for (var r = b * blockSize; r < Math.Min(k, (b + 1) * blockSize); r++)
                {
                    var v = weights[(r * n) + col];
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }

                float scale;
                int zp;
                if (symmetric)
                {
                    scale = Math.Max(Math.Abs(min), Math.Abs(max)) / 7f;
                    zp = 8;
                }
                else
                {
                    scale = (max - min) / 15f;
                    zp = scale > 0 ? (int)Math.Clamp(MathF.Round(-min / scale, MidpointRounding.ToEven), 0, 15) : 8;
                }

                if (!(scale > 0) || !float.IsFinite(scale))
                {
                    scale = 1f;
                }

                scales[(col * blocks) + b] = scale;
                if (zeroPoints is not null)
                {
                    var idx = (col * zpStride) + (b / 2);
                    zeroPoints[idx] |= (byte)(b % 2 == 0 ? zp : zp << 4);
                }

                for (var within = 0; within < blockSize; within++)
                {
                    var r = (b * blockSize) + within;
                    var v = r < k ? weights[(r * n) + col] : 0f;
                    var code = (int)Math.Clamp(Math.Round((double)(v / scale), MidpointRounding.ToEven) + zp, 0, 15);
                    var idx = (((col * blocks) + b) * blob) + (within / 2);
                    packed[idx] |= (byte)(within % 2 == 0 ? code : code << 4);
                }
            }
        }

        return new NBitsWeight(packed, scales, zeroPoints, k, n, blockSize);
    }

    /// <summary>Rewrites eligible layers in place; returns the names of the rewritten layers.</summary>
    public static IReadOnlyList<string> Apply(ModelGraph graph, QuantizationOptions options)
    {
        var done = new List<string>();
        foreach (var node in MatMulWeightLayers.Selected(graph, options))
        {
            Rewrite(graph, node, options);
            done.Add(node.Name);
        }

        if (done.Count > 0)
        {
            GraphBuilding.EnsureMicrosoftDomain(graph);
        }

        graph.RemoveUnusedInitializers();
        graph.SortTopologically();
        return done;
    }

    private static void Rewrite(ModelGraph graph, NodeProto node, QuantizationOptions options)
    {
        var (w, k, n) = GraphBuilding.MatMulWeight(graph, node);
        var q = Quantize(w, k, n, options.BlockSize, options.WeightOnlySymmetric);
        var prefix = node.Name.Length > 0 ? node.Name : node.Output[0];
        var inputs = new List<string>
        {
            node.Input[0],
            GraphBuilding.AddInitializer(graph, prefix + "_weight_q4", TensorElementType.UInt8, q.Packed, n, q.Blocks, options.BlockSize / 2),
            GraphBuilding.AddInitializer(graph, prefix + "_weight_scales", TensorElementType.Float, q.Scales, n * q.Blocks),
        };
        if (q.ZeroPoints is not null)
        {
            inputs.Add(GraphBuilding.AddInitializer(graph, prefix + "_weight_zero_points", TensorElementType.UInt8, q.ZeroPoints, q.ZeroPoints.Length));
        }

        var hasBias = node.OpType == "Gemm" && node.Input.Count > 2 && node.Input[2].Length > 0;
        var output = node.Output[0];
        var product = hasBias ? graph.UniqueName(prefix + "_product") : output;
        var index = graph.Nodes.IndexOf(node);
        graph.RemoveNode(node);
        var matmul = GraphBuilding.Node("MatMulNBits", graph.UniqueName(prefix + "_MatMulNBits"), inputs, [product], "com.microsoft");
        matmul.SetInt("K", k);
        matmul.SetInt("N", n);
        matmul.SetInt("bits", 4);
        matmul.SetInt("block_size", options.BlockSize);
        graph.InsertNode(index, matmul);
        if (hasBias)
        {
            var c = TensorProtoConverter.ToFloatArray(graph.GetInitializer(node.Input[2])!);
            var beta = node.GetFloat("beta", 1f);
            var bias = GraphBuilding.AddInitializer(graph, prefix + "_bias", TensorElementType.Float, c.Select(v => v * beta).ToArray(), graph.GetInitializer(node.Input[2])!.Dims.ToArray());
            graph.InsertNode(index + 1, GraphBuilding.Node("Add", graph.UniqueName(prefix + "_BiasAdd"), [product, bias], [output]));
        }
    }
}
