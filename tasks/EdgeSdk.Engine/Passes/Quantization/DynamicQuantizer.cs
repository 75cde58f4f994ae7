// Dynamic quantization of MatMul/Gemm with constant weights: weights become int8 (per column), the
// activation is quantized at run time by DynamicQuantizeLinear. The emitted pattern
// (DynamicQuantizeLinear → MatMulInteger → Cast → Mul(a_scale × b_scale) → Add(bias)) is the one ONNX
// Runtime fuses into DynamicQuantizeMatMul, so the whole layer runs as one integer kernel.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Rewrites MatMul/Gemm with constant weights into dynamically quantized integer MatMuls.</summary>
internal static class DynamicQuantizer
{
    /// <summary>Quantizes eligible layers in place; returns the names of the quantized layers.</summary>
    public static IReadOnlyList<string> Apply(ModelGraph graph, QuantizationOptions options, IReadOnlyDictionary<string, QuantizedWeight>? roundedWeights = null)
    {
        var done = new List<string>();
        foreach (var node in MatMulWeightLayers.Selected(graph, options))
        {
            Rewrite(graph, node, options, roundedWeights?.GetValueOrDefault(node.Name));
            done.Add(node.Name);
        }

        graph.RemoveUnusedInitializers();
        graph.SortTopologically();
        return done;
    }

    private static void Rewrite(ModelGraph graph, NodeProto node, QuantizationOptions options, QuantizedWeight? rounded)
    {
        var (w, k, n) = GraphBuilding.MatMulWeight(graph, node);
        var qw = rounded ?? PerChannelWeightQuantizer.Quantize(w, [k, n], options.PerChannel ? 1 : -1, options.WeightBits);
        var prefix = node.Name.Length > 0 ? node.Name : node.Output[0];
        var bq = GraphBuilding.AddInitializer(graph, prefix + "_weight_quantized", TensorElementType.Int8, qw.Values, k, n);
        long[] paramShape = qw.Scales.Length == 1 ? [] : [n];
        var bScale = GraphBuilding.AddInitializer(graph, prefix + "_weight_scale", TensorElementType.Float, qw.Scales, paramShape);
        var bZero = GraphBuilding.AddInitializer(graph, prefix + "_weight_zero_point", TensorElementType.Int8, new sbyte[qw.Scales.Length], paramShape);

        var aq = graph.UniqueName(prefix + "_input_quantized");
        var aScale = graph.UniqueName(prefix + "_input_scale");
        var aZero = graph.UniqueName(prefix + "_input_zero_point");
        var integer = graph.UniqueName(prefix + "_integer");
        var asFloat = graph.UniqueName(prefix + "_integer_float");
        var scale = graph.UniqueName(prefix + "_output_scale");
        var output = node.Output[0];
        var hasBias = node.OpType == "Gemm" && node.Input.Count > 2 && node.Input[2].Length > 0;
        var product = hasBias ? graph.UniqueName(prefix + "_product") : output;

        var index = graph.Nodes.IndexOf(node);
        graph.RemoveNode(node);
        var nodes = new List<NodeProto>
        {
            GraphBuilding.Node("DynamicQuantizeLinear", graph.UniqueName(prefix + "_DynamicQuantizeLinear"), [node.Input[0]], [aq, aScale, aZero]),
            GraphBuilding.Node("MatMulInteger", graph.UniqueName(prefix + "_MatMulInteger"), [aq, bq, aZero, bZero], [integer]),
            GraphBuilding.Node("Cast", graph.UniqueName(prefix + "_Cast"), [integer], [asFloat]),
            GraphBuilding.Node("Mul", graph.UniqueName(prefix + "_ScaleMul"), [aScale, bScale], [scale]),
            GraphBuilding.Node("Mul", graph.UniqueName(prefix + "_OutputMul"), [asFloat, scale], [product]),
        };
        nodes[2].SetInt("to", (long)TensorElementType.Float);
        if (hasBias)
        {
            var c = TensorProtoConverter.ToFloatArray(graph.GetInitializer(node.Input[2])!);
            var beta = node.GetFloat("beta", 1f);
            var dims = graph.GetInitializer(node.Input[2])!.Dims.ToArray();
            var bias = GraphBuilding.AddInitializer(graph, prefix + "_bias", TensorElementType.Float, c.Select(v => v * beta).ToArray(), dims);
            nodes.Add(GraphBuilding.Node("Add", graph.UniqueName(prefix + "_BiasAdd"), [product, bias], [output]));
        }
        else if (graph.Consumers(output) is [{ OpType: "Add" } add] && add.Input.Count == 2 && add.Input[0] != output && graph.GetInitializer(add.Input[0]) is { Dims.Count: 1 })
        {
            // A following bias Add reads (bias, product); swapping its operands lets ONNX Runtime fold it into the integer MatMul.
            (add.Input[0], add.Input[1]) = (add.Input[1], add.Input[0]);
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            graph.InsertNode(index + i, nodes[i]);
        }
    }
}
