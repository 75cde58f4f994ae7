// The geometry of a 2-D convolution or pooling window: kernel, strides, dilations, pads and the resulting
// output size, read from ONNX attributes (including auto_pad).
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Training.Kernels;

/// <summary>2-D window geometry (NCHW).</summary>
internal sealed record ConvGeometry(int KernelH, int KernelW, int StrideH, int StrideW, int DilationH, int DilationW, int PadTop, int PadLeft, int PadBottom, int PadRight, int InH, int InW, int OutH, int OutW)
{
    /// <summary>Reads the geometry from a Conv/MaxPool/AveragePool node for an input of <paramref name="inH"/>×<paramref name="inW"/>.</summary>
    public static ConvGeometry FromNode(NodeProto node, int kernelH, int kernelW, int inH, int inW, bool ceilMode = false)
    {
        var strides = node.GetInts("strides") ?? [1, 1];
        var dil = node.GetInts("dilations") ?? [1, 1];
        var pads = node.GetInts("pads") ?? [0, 0, 0, 0];
        if (strides.Length != 2 || dil.Length != 2 || pads.Length != 4)
        {
            throw new EdgeException(DiagnosticCatalog.Training.UnsupportedConfiguration, $"Node '{node.Name}' ({node.OpType}): only 2-D windows are supported for training.");
        }

        int sh = (int)strides[0], sw = (int)strides[1], dh = (int)dil[0], dw = (int)dil[1];
        int pt = (int)pads[0], pl = (int)pads[1], pb = (int)pads[2], pr = (int)pads[3];
        var autoPad = node.GetString("auto_pad", "NOTSET");
        var effH = (dh * (kernelH - 1)) + 1;
        var effW = (dw * (kernelW - 1)) + 1;
        if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            var oh = (inH + sh - 1) / sh;
            var ow = (inW + sw - 1) / sw;
            var th = Math.Max(0, ((oh - 1) * sh) + effH - inH);
            var tw = Math.Max(0, ((ow - 1) * sw) + effW - inW);
            var upper = autoPad == "SAME_UPPER";
            pt = upper ? th / 2 : th - (th / 2);
            pb = th - pt;
            pl = upper ? tw / 2 : tw - (tw / 2);
            pr = tw - pl;
        }
        else if (autoPad == "VALID")
        {
            pt = pl = pb = pr = 0;
        }

        var outH = Out(inH + pt + pb - effH, sh, ceilMode);
        var outW = Out(inW + pl + pr - effW, sw, ceilMode);
        if (outH <= 0 || outW <= 0)
        {
            throw new EdgeException(DiagnosticCatalog.Training.UnsupportedConfiguration, $"Node '{node.Name}' ({node.OpType}): the window does not fit a {inH}×{inW} input.");
        }

        return new ConvGeometry(kernelH, kernelW, sh, sw, dh, dw, pt, pl, pb, pr, inH, inW, outH, outW);
    }

    /// <summary>Gets whether the window is 1×1 with unit stride and no padding (a plain matrix product).</summary>
    public bool IsPointwise => KernelH == 1 && KernelW == 1 && StrideH == 1 && StrideW == 1 && PadTop == 0 && PadLeft == 0 && PadBottom == 0 && PadRight == 0;

    private static int Out(int span, int stride, bool ceil) => (ceil ? (span + stride - 1) / stride : span / stride) + 1;
}
