// Replaces a layer by its two factors in the graph: Gemm/MatMul become MatMul(x, P) followed by
// Gemm/MatMul(·, Q) with the original bias; Conv becomes a first Conv (R filters, k×k or k×1) followed by
// a second Conv (1×1 or 1×k) that carries the bias and keeps the original output name.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.LowRank;

/// <summary>Rewrites layers into factorized pairs.</summary>
internal static class LowRankRewriter
{
    /// <summary>Applies one layer's factorization.</summary>
    public static void Apply(ModelGraph graph, LayerFactorization plan)
    {
        var node = plan.Option.Node;
        var rank = plan.Rank;
        var (p, q) = plan.Option.Svd.Factors(rank);
        var weightName = node.Input[1];
        var middle = graph.UniqueName(node.Output[0] + "_lowrank");
        var first = new NodeProto { Name = graph.UniqueName(node.Name + "_lowrank_a"), Domain = node.Domain };
        var second = new NodeProto { Name = graph.UniqueName(node.Name + "_lowrank_b"), Domain = node.Domain };
        first.Input.Add(node.Input[0]);
        first.Output.Add(middle);
        second.Input.Add(middle);
        second.Output.Add(node.Output[0]);
        var option = plan.Option;
        switch (option.Kind)
        {
            case FactorizationKind.Matrix:
            {
                int k = option.Svd.Rows, n = option.Svd.Columns;
                first.OpType = "MatMul";
                first.Input.Add(graph.AddInitializer(weightName + "_lowrank_a", Tensors.Tensor.FromFloat(p, k, rank)));
                second.Input.Add(graph.AddInitializer(weightName + "_lowrank_b", Tensors.Tensor.FromFloat(q, rank, n)));
                var bias = node.OpType == "Gemm" && node.Input.Count > 2 ? node.Input[2] : string.Empty;
                if (bias.Length > 0)
                {
                    second.OpType = "Gemm";
                    second.Input.Add(bias);
                    second.SetFloat("beta", node.GetFloat("beta", 1f));
                }
                else
                {
                    second.OpType = "MatMul";
                }

                break;
            }

            case FactorizationKind.ConvChannel:
            {
                var dims = graph.GetInitializer(weightName)!.Dims.ToArray();
                first.OpType = second.OpType = "Conv";
                first.Attribute.AddRange(node.Attribute.Select(a => a.Clone()));
                first.SetInts("kernel_shape", dims.Skip(2));
                first.Input.Add(graph.AddInitializer(weightName + "_lowrank_a", Tensors.Tensor.FromFloat(q, [rank, .. dims[1..]])));
                second.Input.Add(graph.AddInitializer(weightName + "_lowrank_b", Tensors.Tensor.FromFloat(p, [dims[0], rank, .. dims.Skip(2).Select(_ => 1L)])));
                second.SetInts("kernel_shape", dims.Skip(2).Select(_ => 1L));
                AddBias(node, second);
                break;
            }

            case FactorizationKind.ConvSpatial:
            {
                var dims = graph.GetInitializer(weightName)!.Dims.ToArray();
                long o = dims[0], i = dims[1], kh = dims[2], kw = dims[3];
                var strides = node.GetInts("strides") ?? [1, 1];
                var dilations = node.GetInts("dilations") ?? [1, 1];
                var pads = node.GetInts("pads") ?? [0, 0, 0, 0];
                first.OpType = second.OpType = "Conv";
                first.SetInts("kernel_shape", [kh, 1]);
                first.SetInts("strides", [strides[0], 1]);
                first.SetInts("dilations", [dilations[0], 1]);
                first.SetInts("pads", [pads[0], 0, pads[2], 0]);
                second.SetInts("kernel_shape", [1, kw]);
                second.SetInts("strides", [1, strides[1]]);
                second.SetInts("dilations", [1, dilations[1]]);
                second.SetInts("pads", [0, pads[1], 0, pads[3]]);

                // P is [(i,h), r] → first weight [r, i, h, 1]; Q is [r, (o,w)] → second weight [o, r, 1, w].
                var a = new float[rank * i * kh];
                for (var r = 0; r < rank; r++)
                {
                    for (var row = 0; row < i * kh; row++)
                    {
                        a[(r * i * kh) + row] = p[(row * rank) + r];
                    }
                }

                var b = new float[o * rank * kw];
                for (var oo = 0; oo < o; oo++)
                {
                    for (var r = 0; r < rank; r++)
                    {
                        for (var w = 0; w < kw; w++)
                        {
                            b[(((oo * rank) + r) * kw) + w] = q[(r * o * kw) + (oo * kw) + w];
                        }
                    }
                }

                first.Input.Add(graph.AddInitializer(weightName + "_lowrank_a", Tensors.Tensor.FromFloat(a, rank, i, kh, 1)));
                second.Input.Add(graph.AddInitializer(weightName + "_lowrank_b", Tensors.Tensor.FromFloat(b, o, rank, 1, kw)));
                AddBias(node, second);
                break;
            }
        }

        var index = graph.Nodes.IndexOf(node);
        graph.RemoveNode(node);
        graph.InsertNode(index, second);
        graph.InsertNode(index, first);
    }

    private static void AddBias(NodeProto original, NodeProto second)
    {
        if (original.Input.Count > 2 && original.Input[2].Length > 0)
        {
            second.Input.Add(original.Input[2]);
        }
    }
}
