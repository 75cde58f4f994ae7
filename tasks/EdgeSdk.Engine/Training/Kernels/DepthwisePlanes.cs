// Fast depthwise convolution for dilation 1 and stride 1 or 2 (MobileNet's case). Each input plane is
// copied once into zero-padded, column-deinterleaved planes Q_m[r, j] = P[r, s·j + m] (P = the padded plane),
// so every kernel tap reads a contiguous row segment and all taps of an output vector accumulate in one
// register (Vector256 FMAs). The backward pass scatters into the same layout and folds it back.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EdgeSdk.Training.Kernels;

/// <summary>Padded, deinterleaved depthwise kernels for one channel plane.</summary>
internal static unsafe class DepthwisePlanes
{
    /// <summary>Gets whether the fast kernels apply to <paramref name="g"/>.</summary>
    public static bool Applies(ConvGeometry g) => g.DilationH == 1 && g.DilationW == 1 && g.StrideH == g.StrideW && g.StrideW is 1 or 2;

    /// <summary>Gets the floats of scratch one plane needs (Q planes, and the same again for their gradient).</summary>
    public static int ScratchFloats(ConvGeometry g)
    {
        Layout(g, out var ph, out var qw);
        return 2 * g.StrideW * ph * qw;
    }

    /// <summary>y = bias + depthwise(x, w) for one plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, float bias, ConvGeometry g, Span<float> y, Span<float> scratch)
    {
        Layout(g, out var ph, out var qw);
        var s = g.StrideW;
        var q = scratch[..(s * ph * qw)];
        BuildPlanes(x, g, ph, qw, q);
        int taps = g.KernelH * g.KernelW, ow = g.OutW;
        var offsets = stackalloc int[taps];
        var weights = stackalloc Vector256<float>[taps];
        TapOffsets(g, ph, qw, offsets);
        for (var t = 0; t < taps; t++)
        {
            weights[t] = Vector256.Create(w[t]);
        }

        fixed (float* qp = q, yp = y, wp = w)
        {
            for (var oh = 0; oh < g.OutH; oh++)
            {
                var yrow = yp + (oh * ow);
                var rowBase = qp + (oh * s * qw);
                var j = 0;
                for (; j <= ow - 8; j += 8)
                {
                    var acc = Vector256.Create(bias);
                    var src = rowBase + j;
                    for (var t = 0; t < taps; t++)
                    {
                        acc = Vector256.FusedMultiplyAdd(Vector256.Load(src + offsets[t]), weights[t], acc);
                    }

                    acc.Store(yrow + j);
                }

                for (; j < ow; j++)
                {
                    var acc = bias;
                    var src = rowBase + j;
                    for (var t = 0; t < taps; t++)
                    {
                        acc += src[offsets[t]] * wp[t];
                    }

                    yrow[j] = acc;
                }
            }
        }
    }

    /// <summary>Adds dL/dx and dL/dw for one plane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> dy, ConvGeometry g, Span<float> dx, Span<float> dw, bool needDx, bool needDw, Span<float> scratch)
    {
        Layout(g, out var ph, out var qw);
        var s = g.StrideW;
        var size = s * ph * qw;
        var q = scratch[..size];
        var dq = scratch.Slice(size, size);
        if (needDw)
        {
            BuildPlanes(x, g, ph, qw, q);
        }

        if (needDx)
        {
            dq.Clear();
        }

        int taps = g.KernelH * g.KernelW, ow = g.OutW;
        var offsets = stackalloc int[taps];
        var weights = stackalloc Vector256<float>[taps];
        var acc = stackalloc Vector256<float>[taps];
        var tail = stackalloc float[taps];
        TapOffsets(g, ph, qw, offsets);
        for (var t = 0; t < taps; t++)
        {
            weights[t] = Vector256.Create(w[t]);
            acc[t] = Vector256<float>.Zero;
            tail[t] = 0;
        }

        fixed (float* qp = q, dqp = dq, gp = dy, wp = w)
        {
            for (var oh = 0; oh < g.OutH; oh++)
            {
                var grow = gp + (oh * ow);
                var qBase = qp + (oh * s * qw);
                var dqBase = dqp + (oh * s * qw);
                var j = 0;
                if (needDw)
                {
                    for (j = 0; j <= ow - 8; j += 8)
                    {
                        var gv = Vector256.Load(grow + j);
                        var src = qBase + j;
                        for (var t = 0; t < taps; t++)
                        {
                            acc[t] = Vector256.FusedMultiplyAdd(gv, Vector256.Load(src + offsets[t]), acc[t]);
                        }
                    }

                    for (; j < ow; j++)
                    {
                        var src = qBase + j;
                        for (var t = 0; t < taps; t++)
                        {
                            tail[t] += grow[j] * src[offsets[t]];
                        }
                    }
                }

                if (needDx)
                {
                    for (j = 0; j <= ow - 8; j += 8)
                    {
                        var gv = Vector256.Load(grow + j);
                        var dst = dqBase + j;
                        for (var t = 0; t < taps; t++)
                        {
                            var p = dst + offsets[t];
                            Vector256.FusedMultiplyAdd(gv, weights[t], Vector256.Load(p)).Store(p);
                        }
                    }

                    for (; j < ow; j++)
                    {
                        var dst = dqBase + j;
                        for (var t = 0; t < taps; t++)
                        {
                            dst[offsets[t]] += grow[j] * wp[t];
                        }
                    }
                }
            }
        }

        if (needDw)
        {
            for (var t = 0; t < taps; t++)
            {
                dw[t] += Vector256.Sum(acc[t]) + tail[t];
            }
        }

        if (needDx)
        {
            FoldPlanes(dq, g, ph, qw, dx);
        }
    }

    private static void TapOffsets(ConvGeometry g, int ph, int qw, int* offsets)
    {
        var s = g.StrideW;
        for (var kh = 0; kh < g.KernelH; kh++)
        {
            for (var c = 0; c < g.KernelW; c++)
            {
                offsets[(kh * g.KernelW) + c] = ((c % s) * ph * qw) + (kh * qw) + (c / s);
            }
        }
    }

    private static void Layout(ConvGeometry g, out int ph, out int qw)
    {
        var s = g.StrideW;
        ph = ((g.OutH - 1) * s) + g.KernelH;
        var pw = ((g.OutW - 1) * s) + g.KernelW;
        qw = (pw + s - 1) / s;
    }

    private static void BuildPlanes(ReadOnlySpan<float> x, ConvGeometry g, int ph, int qw, Span<float> q)
    {
        var s = g.StrideW;
        var pw = ((g.OutW - 1) * s) + g.KernelW;
        for (var r = 0; r < ph; r++)
        {
            var ih = r - g.PadTop;
            var inside = (uint)ih < (uint)g.InH;
            for (var m = 0; m < s; m++)
            {
                var dst = q.Slice((m * ph * qw) + (r * qw), qw);
                if (!inside)
                {
                    dst.Clear();
                    continue;
                }

                var src = x.Slice(ih * g.InW, g.InW);
                if (s == 1)
                {
                    // columns c = j; iw = c − padLeft
                    var lo = Math.Min(qw, Math.Max(0, g.PadLeft));
                    var hi = Math.Max(lo, Math.Min(Math.Min(qw, pw), g.InW + g.PadLeft));
                    dst[..lo].Clear();
                    src.Slice(lo - g.PadLeft, hi - lo).CopyTo(dst[lo..hi]);
                    dst[hi..].Clear();
                    continue;
                }

                for (var j = 0; j < qw; j++)
                {
                    var c = (s * j) + m;
                    var iw = c - g.PadLeft;
                    dst[j] = c < pw && (uint)iw < (uint)g.InW ? src[iw] : 0f;
                }
            }
        }
    }

    private static void FoldPlanes(ReadOnlySpan<float> dq, ConvGeometry g, int ph, int qw, Span<float> dx)
    {
        var s = g.StrideW;
        var pw = ((g.OutW - 1) * s) + g.KernelW;
        for (var ih = 0; ih < g.InH; ih++)
        {
            var r = ih + g.PadTop;
            if (r >= ph)
            {
                break;
            }

            var d = dx.Slice(ih * g.InW, g.InW);
            if (s == 1)
            {
                var lo = Math.Max(0, -g.PadLeft);
                var hi = Math.Min(g.InW, pw - g.PadLeft);
                if (hi > lo)
                {
                    var target = d[lo..hi];
                    System.Numerics.Tensors.TensorPrimitives.Add(target, dq.Slice((r * qw) + lo + g.PadLeft, hi - lo), target);
                }

                continue;
            }

            for (var iw = 0; iw < g.InW; iw++)
            {
                var c = iw + g.PadLeft;
                if (c >= pw)
                {
                    break;
                }

                d[iw] += dq[((c % s) * ph * qw) + (r * qw) + (c / s)];
            }
        }
    }
}
