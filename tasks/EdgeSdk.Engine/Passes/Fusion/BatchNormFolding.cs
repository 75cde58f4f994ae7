// Folds inference-mode BatchNormalization into the Conv or Gemm that feeds it:
// W' = W * s, b' = (b - mean) * s + beta with s = gamma / sqrt(var + eps), per output channel.
// Only folds when the Conv/Gemm output has no other reader and its weights are initializers.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Fusion;

/// <summary>Folds BatchNormalization into the preceding Conv or Gemm.</summary>
internal static class BatchNormFolding
{
    /// <summary>Applies the rewrite and returns how many BatchNormalization nodes it folded.</summary>
    public static int Apply(ModelGraph graph)
    {
        var count = 0;
        foreach (var bn in graph.Nodes.Where(n => n.OpType == "BatchNormalization" && n.Domain is "" or "ai.onnx").ToList())
        {
            if (bn.Output.Count > 1 && bn.Output.Skip(1).Any(o => o.Length > 0) || bn.GetInt("training_mode", 0) != 0)
            {
                continue;
            }

            var producer = graph.Producer(bn.Input[0]);
            if (producer is null || producer.OpType is not ("Conv" or "Gemm") || graph.Consumers(bn.Input[0]).Count != 1 || graph.IsGraphOutput(bn.Input[0]))
            {
                continue;
            }

            var parameters = bn.Input.Skip(1).Take(4).Select(graph.GetInitializer).ToArray();
            var weight = graph.GetInitializer(producer.Input[1]);
            if (parameters.Any(p => p is null) || weight is null || graph.Consumers(producer.Input[1]).Count != 1)
            {
                continue;
            }

            if (producer.OpType == "Gemm" && !GemmOutputsAlongColumns(producer))
            {
                continue;
            }

            var bias = producer.Input.Count > 2 && producer.Input[2].Length > 0 ? graph.GetInitializer(producer.Input[2]) : null;
            if (producer.Input.Count > 2 && producer.Input[2].Length > 0 && (bias is null || graph.Consumers(producer.Input[2]).Count != 1))
            {
                continue;
            }

            Fold(graph, bn, producer, weight, bias, parameters!);
            count++;
        }

        return count;
    }

    private static bool GemmOutputsAlongColumns(NodeProto gemm) =>
        gemm.GetInt("transA", 0) == 0 && gemm.GetFloat("alpha", 1f) == 1f && gemm.GetFloat("beta", 1f) == 1f;

    private static void Fold(ModelGraph graph, NodeProto bn, NodeProto producer, TensorProto weight, TensorProto? bias, TensorProto[] p)
    {
        var gamma = TensorProtoConverter.ToFloatArray(p[0]);
        var beta = TensorProtoConverter.ToFloatArray(p[1]);
        var mean = TensorProtoConverter.ToFloatArray(p[2]);
        var variance = TensorProtoConverter.ToFloatArray(p[3]);
        var eps = bn.GetFloat("epsilon", 1e-5f);
        var channels = gamma.Length;
        var w = TensorProtoConverter.ToFloatArray(weight);
        var dims = weight.Dims.ToArray();
        var b = bias is null ? new float[channels] : TensorProtoConverter.ToFloatArray(bias);
        var scale = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = gamma[c] / Math.Sqrt(variance[c] + (double)eps);
        }

        // Conv weight [M, C/g, kH, kW]: channel = outermost index. Gemm weight [K, N] (transB=0) or [N, K] (transB=1).
        var transB = producer.OpType == "Gemm" && producer.GetInt("transB", 0) != 0;
        if (producer.OpType == "Conv" || transB)
        {
            var per = w.Length / channels;
            for (var i = 0; i < w.Length; i++)
            {
                w[i] = (float)(w[i] * scale[i / per]);
            }
        }
        else
        {
            for (var i = 0; i < w.Length; i++)
            {
                w[i] = (float)(w[i] * scale[i % channels]);
            }
        }

        var folded = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            folded[c] = (float)(((b[c] - (double)mean[c]) * scale[c]) + beta[c]);
        }

        graph.SetInitializer(TensorProtoConverter.FromFloat(weight.Name, w, dims));
        var biasName = bias?.Name ?? graph.UniqueName(producer.Output[0] + "_folded_bias");
        graph.SetInitializer(TensorProtoConverter.FromFloat(biasName, folded, channels));
        while (producer.Input.Count < 3)
        {
            producer.Input.Add(string.Empty);
        }

        producer.Input[2] = biasName;
        producer.Output[0] = bn.Output[0];
        graph.RemoveNode(bn);
    }
}
