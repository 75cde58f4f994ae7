// The hand-built graphs the pruning tests share. In each, the channels meant to go have all-zero producing
// weights and zero bias (and zero BatchNormalization shift), so they contribute exactly nothing: L1
// importance must pick them, and removing them must leave the model's output unchanged.
using EdgeSdk.Engine.Tests.Onnx;
using EdgeSdk.Onnx;

namespace EdgeSdk.Engine.Tests.Pruning;

internal static class PruningTestGraphs
{
    /// <summary>Channels 1, 3, 5, 7 of the residual group contribute nothing.</summary>
    public static readonly int[] ResidualDeadChannels = [1, 3, 5, 7];

    /// <summary>x[1,4,6,6] → convA(8,3x3) → Relu → convB(8,1x1); Add(relu, convB) → convC(3,1x1) → y.</summary>
    public static OnnxModelBuilder Residual()
    {
        var b = new OnnxModelBuilder(seed: 11).Input("x", 1, 4, 6, 6).Output("y", 1, 3, 6, 6);
        b.Conv("convA", "x", 4, 8, 3);
        b.Node("Relu", ["convA.out"], "relu");
        b.Conv("convB", "relu", 8, 8, 1);
        b.Node("Add", ["relu", "convB.out"], "sum");
        var c = b.Conv("convC", "sum", 8, 3, 1);
        c.Output[0] = "y";
        foreach (var name in new[] { "convA.w", "convA.b", "convB.w", "convB.b" })
        {
            b.SetChannels(name, 0, ResidualDeadChannels, 0f);
        }

        return b;
    }

    /// <summary>Channels 0, 5 of the expanded (8) channels contribute nothing.</summary>
    public static readonly int[] DepthwiseDeadChannels = [0, 5, 6, 2];

    /// <summary>x[1,3,5,5] → conv1(8,1x1) → BN → Clip → depthwise(8,3x3) → BN → Relu → conv2(6,1x1) → y.</summary>
    public static OnnxModelBuilder DepthwiseChain()
    {
        var b = new OnnxModelBuilder(seed: 12).Input("x", 1, 3, 5, 5).Output("y", 1, 6, 5, 5);
        b.Conv("conv1", "x", 3, 8, 1, bias: false);
        b.BatchNorm("bn1", "conv1.out", 8);
        b.Floats("clip.min", [], [0f]).Floats("clip.max", [], [6f]);
        b.Node("Clip", ["bn1.out", "clip.min", "clip.max"], "clip");
        b.Conv("dw", "clip", 8, 8, 3, group: 8, bias: false);
        b.BatchNorm("bn2", "dw.out", 8);
        b.Node("Relu", ["bn2.out"], "relu");
        var c = b.Conv("conv2", "relu", 8, 6, 1);
        c.Output[0] = "y";
        foreach (var name in new[] { "conv1.w", "bn1.bias", "dw.w", "bn2.bias" })
        {
            b.SetChannels(name, 0, DepthwiseDeadChannels, 0f);
        }

        return b;
    }

    /// <summary>x[1,2,4,4] → convA(3) and convB(5) → Concat(8) → convC(2) → y; convA channel 1 and convB channels 0, 4 are dead.</summary>
    public static OnnxModelBuilder Concat()
    {
        var b = new OnnxModelBuilder(seed: 13).Input("x", 1, 2, 4, 4).Output("y", 1, 2, 4, 4);
        b.Conv("convA", "x", 2, 3, 3);
        b.Conv("convB", "x", 2, 5, 1);
        b.Node("Concat", ["convA.out", "convB.out"], "cat").SetInt("axis", 1);
        var c = b.Conv("convC", "cat", 8, 2, 1);
        c.Output[0] = "y";
        b.SetChannels("convA.w", 0, [1], 0f);
        b.SetChannels("convA.b", 0, [1], 0f);
        b.SetChannels("convB.w", 0, [0, 4], 0f);
        b.SetChannels("convB.b", 0, [0, 4], 0f);
        return b;
    }

    /// <summary>x[1,2,3,3] → conv(4,3x3) → Relu → Flatten → Gemm(36→5, transB) → y; conv channels 0 and 2 are dead.</summary>
    public static OnnxModelBuilder FlattenGemm()
    {
        var b = new OnnxModelBuilder(seed: 14).Input("x", 1, 2, 3, 3).Output("y", 1, 5);
        b.Conv("conv", "x", 2, 4, 3);
        b.Node("Relu", ["conv.out"], "relu");
        b.Node("Flatten", ["relu"], "flat").SetInt("axis", 1);
        b.Random("fc.w", 5, 36);
        b.Random("fc.b", 5);
        b.Node("Gemm", ["flat", "fc.w", "fc.b"], "y", "fc").SetInt("transB", 1);
        b.SetChannels("conv.w", 0, [0, 2], 0f);
        b.SetChannels("conv.b", 0, [0, 2], 0f);
        return b;
    }
}
