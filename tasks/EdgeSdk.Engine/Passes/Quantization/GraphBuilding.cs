// Small node and initializer constructors shared by the quantizers that rewrite graphs (dynamic,
// weight-only, QDQ), so each of them reads as the pattern it emits.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Helpers to build nodes and initializers.</summary>
internal static class GraphBuilding
{
    /// <summary>Creates a node.</summary>
    public static NodeProto Node(string opType, string name, IEnumerable<string> inputs, IEnumerable<string> outputs, string domain = "")
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        return node;
    }

    /// <summary>Adds an initializer under a fresh name derived from <paramref name="prefix"/> and returns the name.</summary>
    public static string AddInitializer(ModelGraph graph, string prefix, TensorElementType type, Array data, params long[] shape)
    {
        var name = graph.UniqueName(prefix);
        graph.SetInitializer(TensorProtoConverter.FromTensor(name, Tensor.Create(type, data, shape)));
        return name;
    }

    /// <summary>Makes sure the model imports the com.microsoft domain (for contrib operators).</summary>
    public static void EnsureMicrosoftDomain(ModelGraph graph)
    {
        if (!graph.Model.OpsetImport.Any(o => o.Domain == "com.microsoft"))
        {
            graph.Model.OpsetImport.Add(new OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        }
    }

    /// <summary>Returns the [K, N] weight of a MatMul or Gemm (transposing Gemm's B when transB = 1, scaling by alpha).</summary>
    public static (float[] Weights, long K, long N) MatMulWeight(ModelGraph graph, NodeProto node)
    {
        var proto = graph.GetInitializer(node.Input[1])!;
        var w = TensorProtoConverter.ToFloatArray(proto);
        long rows = proto.Dims[0], cols = proto.Dims[1];
        if (node.OpType != "Gemm")
        {
            return (w, rows, cols);
        }

        var alpha = node.GetFloat("alpha", 1f);
        if (node.GetInt("transB", 0) == 0)
        {
            return (alpha == 1f ? w : w.Select(v => v * alpha).ToArray(), rows, cols);
        }

        var t = new float[w.Length];
        for (long r = 0; r < rows; r++)
        {
            for (long c = 0; c < cols; c++)
            {
                t[(c * rows) + r] = w[(r * cols) + c] * alpha;
            }
        }

        return (t, cols, rows);
    }
}
