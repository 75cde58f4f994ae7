// How the channel axis of one tensor maps onto prunable channel groups. A tensor's channels are a list of
// segments; each segment is one group's channels, every group channel repeated `Expansion` times in a row
// (a depthwise multiplier, or the spatial block of columns a Flatten produces from one channel).
namespace EdgeSdk.Passes.Pruning;

/// <summary>One run of a tensor's channel axis that belongs to a channel group.</summary>
/// <param name="Group">The group id (resolve through <see cref="ChannelDependencies.Root"/>).</param>
/// <param name="Expansion">Tensor channels per group channel (consecutive).</param>
internal sealed record ChannelSegment(int Group, long Expansion);

/// <summary>The channel structure of one tensor.</summary>
/// <param name="Segments">Segments in channel order.</param>
/// <param name="Axis">The channel axis (non-negative when <paramref name="Rank"/> is known, else -1 = last).</param>
/// <param name="Rank">The tensor's rank, or 0 when unknown.</param>
/// <param name="PendingSpatial">True after a Flatten whose spatial block size is resolved by the consuming Gemm/MatMul.</param>
internal sealed record ChannelLayout(IReadOnlyList<ChannelSegment> Segments, int Axis, int Rank, bool PendingSpatial = false)
{
    /// <summary>Returns the same layout with every segment's expansion multiplied by <paramref name="factor"/>.</summary>
    public ChannelLayout Expand(long factor) => this with { Segments = Segments.Select(s => s with { Expansion = s.Expansion * factor }).ToList() };

    /// <summary>Returns whether an operator axis attribute (possibly negative) names this layout's channel axis.</summary>
    public bool IsChannelAxis(long axis) => Rank > 0 ? (axis < 0 ? axis + Rank : axis) == Axis : axis == -1 && Axis == -1;
}
