// Depthwise 2-D convolution (one filter per channel) computed directly on each plane: forward, input
// gradient and filter gradient. Unit-stride rows are vectorized with TensorPrimitives; strided rows use
// a scalar loop. Far cheaper than im2col for depthwise layers, whose SGEMMs would be 1×K·K.
using System.Numerics.Tensors;

namespace EdgeSdk.Training.Kernels;

/// <summary>Direct depthwise convolution kernels for one channel plane.</summary>
internal static class DepthwiseConv
{
    /// <summary>y (OH×OW) = bias + Σ w[kh,kw]·x shifted; <paramref name="y"/> is overwritten.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, float bias, ConvGeometry g, Span<float> y)
    {
        y.Fill(bias);
        for (var kh = 0; kh < g.KernelH; kh++)
        {
            for (var kw = 0; kw < g.KernelW; kw++)
            {
                var wv = w[(kh * g.KernelW) + kw];
                var offW = (kw * g.DilationW) - g.PadLeft;
                Im2Col.ValidRange(offW, g.StrideW, g.InW, g.OutW, out var lo, out var hi);
                if (lo >= hi)
                {
                    continue;
                }

                for (var oh = 0; oh < g.OutH; oh++)
                {
                    var ih = (oh * g.StrideH) - g.PadTop + (kh * g.DilationH);
                    if ((uint)ih >= (uint)g.InH)
                    {
                        continue;
                    }

                    var src = x.Slice(ih * g.InW, g.InW);
                    var dst = y.Slice(oh * g.OutW, g.OutW);
                    if (g.StrideW == 1)
                    {
                        var d = dst[lo..hi];
                        TensorPrimitives.MultiplyAdd(src.Slice(lo + offW, hi - lo), wv, d, d);
                    }
                    else
                    {
                        for (var ow = lo; ow < hi; ow++)
                        {
                            dst[ow] += wv * src[(ow * g.StrideW) + offW];
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds dL/dx for one plane and adds dL/dw (K×K) from dy.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> dy, ConvGeometry g, Span<float> dx, Span<float> dw, bool needDx, bool needDw)
    {
        for (var kh = 0; kh < g.KernelH; kh++)
        {
            for (var kw = 0; kw < g.KernelW; kw++)
            {
                var wi = (kh * g.KernelW) + kw;
                var wv = w[wi];
                var offW = (kw * g.DilationW) - g.PadLeft;
                Im2Col.ValidRange(offW, g.StrideW, g.InW, g.OutW, out var lo, out var hi);
                if (lo >= hi)
                {
                    continue;
                }

                var acc = 0f;
                for (var oh = 0; oh < g.OutH; oh++)
                {
                    var ih = (oh * g.StrideH) - g.PadTop + (kh * g.DilationH);
                    if ((uint)ih >= (uint)g.InH)
                    {
                        continue;
                    }

                    var g0 = dy.Slice(oh * g.OutW, g.OutW);
                    if (g.StrideW == 1)
                    {
                        var gs = g0[lo..hi];
                        if (needDw)
                        {
                            acc += TensorPrimitives.Dot(gs, x.Slice((ih * g.InW) + lo + offW, hi - lo));
                        }

                        if (needDx)
                        {
                            var d = dx.Slice((ih * g.InW) + lo + offW, hi - lo);
                            TensorPrimitives.MultiplyAdd(gs, wv, d, d);
                        }
                    }
                    else
                    {
                        var rowX = x.Slice(ih * g.InW, g.InW);
                        var rowDx = needDx ? dx.Slice(ih * g.InW, g.InW) : default;
                        for (var ow = lo; ow < hi; ow++)
                        {
                            var iw = (ow * g.StrideW) + offW;
                            acc += g0[ow] * rowX[iw];
                            if (needDx)
                            {
                                rowDx[iw] += wv * g0[ow];
                            }
                        }
                    }
                }

                if (needDw)
                {
                    dw[wi] += acc;
                }
            }
        }
    }
}
