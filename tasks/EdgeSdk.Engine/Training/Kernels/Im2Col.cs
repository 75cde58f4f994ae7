// im2col / col2im for 2-D convolutions in NCHW: unfold one image's channels into a [C·KH·KW, OH·OW]
// matrix so a convolution becomes one SGEMM, and fold a gradient matrix back (adding overlaps).
namespace EdgeSdk.Training.Kernels;

/// <summary>Unfolds and folds convolution windows.</summary>
internal static class Im2Col
{
    /// <summary>Unfolds <paramref name="channels"/> planes of <paramref name="x"/> into <paramref name="col"/> (row stride <paramref name="ld"/>, default OH·OW).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void Unfold(ReadOnlySpan<float> x, int channels, ConvGeometry g, Span<float> col, int ld = 0)
    {
        var plane = g.InH * g.InW;
        var outPlane = g.OutH * g.OutW;
        ld = ld == 0 ? outPlane : ld;
        var row = 0;
        for (var c = 0; c < channels; c++)
        {
            var xc = x.Slice(c * plane, plane);
            for (var kh = 0; kh < g.KernelH; kh++)
            {
                for (var kw = 0; kw < g.KernelW; kw++, row++)
                {
                    var dst = col.Slice(row * ld, outPlane);
                    var offW = (kw * g.DilationW) - g.PadLeft;
                    ValidRange(offW, g.StrideW, g.InW, g.OutW, out var lo, out var hi);
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        var ih = (oh * g.StrideH) - g.PadTop + (kh * g.DilationH);
                        var d = dst.Slice(oh * g.OutW, g.OutW);
                        if ((uint)ih >= (uint)g.InH || lo >= hi)
                        {
                            d.Clear();
                            continue;
                        }

                        var src = xc.Slice(ih * g.InW, g.InW);
                        if (g.StrideW == 1 && g.OutW <= 16)
                        {
                            // Short rows (small images): plain loops beat span slicing and copy calls.
                            CopyShortRow(src, offW, lo, hi, d);
                            continue;
                        }

                        d[..lo].Clear();
                        d[hi..].Clear();
                        if (g.StrideW == 1)
                        {
                            src.Slice(lo + offW, hi - lo).CopyTo(d[lo..hi]);
                        }
                        else
                        {
                            for (var ow = lo; ow < hi; ow++)
                            {
                                d[ow] = src[(ow * g.StrideW) + offW];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds the columns of <paramref name="col"/> (row stride <paramref name="ld"/>) back into the image gradient <paramref name="dx"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void FoldAdd(ReadOnlySpan<float> col, int channels, ConvGeometry g, Span<float> dx, int ld = 0)
    {
        var plane = g.InH * g.InW;
        var outPlane = g.OutH * g.OutW;
        ld = ld == 0 ? outPlane : ld;
        var row = 0;
        for (var c = 0; c < channels; c++)
        {
            var dxc = dx.Slice(c * plane, plane);
            for (var kh = 0; kh < g.KernelH; kh++)
            {
                for (var kw = 0; kw < g.KernelW; kw++, row++)
                {
                    var src = col.Slice(row * ld, outPlane);
                    var offW = (kw * g.DilationW) - g.PadLeft;
                    ValidRange(offW, g.StrideW, g.InW, g.OutW, out var lo, out var hi);
                    for (var oh = 0; oh < g.OutH; oh++)
                    {
                        var ih = (oh * g.StrideH) - g.PadTop + (kh * g.DilationH);
                        if ((uint)ih >= (uint)g.InH || lo >= hi)
                        {
                            continue;
                        }

                        var s = src.Slice(oh * g.OutW, g.OutW);
                        var d = dxc.Slice(ih * g.InW, g.InW);
                        if (g.StrideW == 1 && g.OutW <= 16)
                        {
                            ref var target = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(d);
                            ref var source = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s);
                            for (var ow = lo; ow < hi; ow++)
                            {
                                System.Runtime.CompilerServices.Unsafe.Add(ref target, ow + offW) += System.Runtime.CompilerServices.Unsafe.Add(ref source, ow);
                            }
                        }
                        else if (g.StrideW == 1)
                        {
                            var target = d.Slice(lo + offW, hi - lo);
                            System.Numerics.Tensors.TensorPrimitives.Add(target, s[lo..hi], target);
                        }
                        else
                        {
                            for (var ow = lo; ow < hi; ow++)
                            {
                                d[(ow * g.StrideW) + offW] += s[ow];
                            }
                        }
                    }
                }
            }
        }
    }

    // Writes one short output row: zeros left of lo, src[ow + offW] on [lo, hi), zeros from hi. The caller's
    // ValidRange guarantees 0 ≤ lo ≤ hi ≤ d.Length and that src[lo + offW .. hi + offW) lies inside src.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void CopyShortRow(ReadOnlySpan<float> src, int offW, int lo, int hi, Span<float> d)
    {
        ref var target = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(d);
        ref var source = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src);
        var ow = 0;
        for (; ow < lo; ow++)
        {
            System.Runtime.CompilerServices.Unsafe.Add(ref target, ow) = 0f;
        }

        for (; ow < hi; ow++)
        {
            System.Runtime.CompilerServices.Unsafe.Add(ref target, ow) = System.Runtime.CompilerServices.Unsafe.Add(ref source, ow + offW);
        }

        for (; ow < d.Length; ow++)
        {
            System.Runtime.CompilerServices.Unsafe.Add(ref target, ow) = 0f;
        }
    }

    /// <summary>Computes the output columns [lo, hi) whose input column ow·stride + offset lies inside [0, inW).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void ValidRange(int offset, int stride, int inW, int outW, out int lo, out int hi)
    {
        lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        hi = inW - 1 - offset < 0 ? 0 : Math.Min(outW, ((inW - 1 - offset) / stride) + 1);
        lo = Math.Min(lo, outW);
        if (hi < lo)
        {
            hi = lo;
        }
    }
}
