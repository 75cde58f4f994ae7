// Empirical bias correction (Nagel et al., "Data-Free Quantization", §4.2): weight rounding shifts each
// output channel's mean by ΔW·E[x]; subtracting that from the bias restores the float layer's expected
// output. E[x] per input channel comes from calibration, so this costs no extra pass over the data.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Corrects Conv/Gemm biases for the mean error of their quantized weights.</summary>
internal static class BiasCorrector
{
    /// <summary>Adjusts (or adds) the bias of <paramref name="node"/> in place; returns the largest absolute correction.</summary>
    public static double Correct(ModelGraph graph, NodeProto node, QuantizedWeight quantized, double[] inputMeans)
    {
        var proto = graph.GetInitializer(node.Input[1])!;
        var w = TensorProtoConverter.ToFloatArray(proto);
        var dq = quantized.Dequantize();
        var shape = proto.Dims.ToArray();
        double[] correction;
        if (node.OpType == "Conv")
        {
            var group = (int)node.GetInt("group", 1);
            int cout = (int)shape[0], cinPerGroup = (int)shape[1];
            var spatial = w.Length / (cout * cinPerGroup);
            var outPerGroup = cout / group;
            correction = new double[cout];
            for (var o = 0; o < cout; o++)
            {
                for (var local = 0; local < cinPerGroup; local++)
                {
                    var mean = inputMeans[((o / outPerGroup) * cinPerGroup) + local];
                    for (var s = 0; s < spatial; s++)
                    {
                        var i = (((o * cinPerGroup) + local) * spatial) + s;
                        correction[o] += (dq[i] - w[i]) * mean;
                    }
                }
            }
        }
        else
        {
            var columnMajor = LayerWeights.IsColumnMajor(node);
            int rows = (int)(columnMajor ? shape[1] : shape[0]), k = (int)(columnMajor ? shape[0] : shape[1]);
            correction = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < k; c++)
                {
                    var i = columnMajor ? (c * rows) + r : (r * k) + c;
                    correction[r] += (dq[i] - w[i]) * inputMeans[c];
                }
            }

            if (node.OpType == "Gemm")
            {
                var alpha = node.GetFloat("alpha", 1f);
                var beta = node.GetFloat("beta", 1f);
                correction = correction.Select(v => v * alpha / (beta == 0 ? 1 : beta)).ToArray();
            }
        }

        var biasName = node.Input.Count > 2 && node.Input[2].Length > 0 ? node.Input[2] : null;
        float[] bias;
        long[] biasShape = [correction.Length];
        if (biasName is null)
        {
            biasName = graph.UniqueName(node.Name + "_bias");
            bias = new float[correction.Length];
            while (node.Input.Count < 3)
            {
                node.Input.Add(string.Empty);
            }

            node.Input[2] = biasName;
        }
        else
        {
            var b = graph.GetInitializer(biasName)!;
            bias = TensorProtoConverter.ToFloatArray(b);
            biasShape = b.Dims.ToArray();
            if (bias.Length != correction.Length)
            {
                return 0;
            }
        }

        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = (float)(bias[i] - correction[i]);
        }

        graph.SetInitializer(TensorProtoConverter.FromFloat(biasName, bias, biasShape));
        graph.Invalidate();
        return correction.Select(Math.Abs).DefaultIfEmpty(0).Max();
    }
}
