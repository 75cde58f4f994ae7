// The result of the channel dependency analysis: channel groups (merged with a union-find when a
// residual Add ties two producers together), each group's size and whether it may be pruned, and every
// initializer slice and attribute edit that pruning a group implies. Pruning reads it; surgery applies it.
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Passes.Pruning;

/// <summary>An initializer axis whose entries follow a tensor's channels.</summary>
/// <param name="Initializer">Initializer name.</param>
/// <param name="Axis">Axis of the initializer that is sliced.</param>
/// <param name="Layout">The channel layout that axis follows.</param>
internal sealed record InitializerSlice(string Initializer, int Axis, ChannelLayout Layout);

/// <summary>A tensor whose per-channel magnitude tells how important each channel is.</summary>
/// <param name="Initializer">Initializer name (a weight, or a BatchNormalization scale).</param>
/// <param name="Axis">The output-channel axis of that initializer.</param>
/// <param name="Layout">The channel layout of that axis.</param>
/// <param name="IsBatchNormScale">True for a BatchNormalization scale (gamma).</param>
internal sealed record ImportanceSource(string Initializer, int Axis, ChannelLayout Layout, bool IsBatchNormScale);

/// <summary>A node whose <c>group</c> attribute must equal its input's remaining channels (depthwise Conv).</summary>
/// <param name="Node">The node.</param>
/// <param name="Input">Its input's channel layout.</param>
internal sealed record GroupAttributeEdit(NodeProto Node, ChannelLayout Input);

/// <summary>Channel groups of a graph and the edits pruning them implies.</summary>
internal sealed class ChannelDependencies
{
    private readonly List<int> _parent = [];
    private readonly List<long> _size = [];
    private readonly List<string?> _frozen = [];
    private readonly List<List<string>> _producers = [];

    /// <summary>Gets the initializer slices.</summary>
    public List<InitializerSlice> Slices { get; } = [];

    /// <summary>Gets the importance sources.</summary>
    public List<ImportanceSource> Sources { get; } = [];

    /// <summary>Gets depthwise group-attribute edits.</summary>
    public List<GroupAttributeEdit> GroupEdits { get; } = [];

    /// <summary>Gets every tracked tensor's layout (their value_info shapes become stale after surgery).</summary>
    public Dictionary<string, ChannelLayout> Tensors { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the tensors whose channels are the outputs of each group's layers (for activation importance).</summary>
    public List<(string Tensor, ChannelLayout Layout)> ProducerOutputs { get; } = [];

    /// <summary>Creates a new group of <paramref name="size"/> channels produced by <paramref name="producer"/>.</summary>
    public int NewGroup(long size, string producer)
    {
        _parent.Add(_parent.Count);
        _size.Add(size);
        _frozen.Add(null);
        _producers.Add([producer]);
        return _parent.Count - 1;
    }

    /// <summary>Returns the representative of a group.</summary>
    public int Root(int group)
    {
        while (_parent[group] != group)
        {
            _parent[group] = _parent[_parent[group]];
            group = _parent[group];
        }

        return group;
    }

    /// <summary>Returns a group's channel count.</summary>
    public long Size(int group) => _size[Root(group)];

    /// <summary>Returns why a group may not be pruned, or null when it may.</summary>
    public string? FrozenReason(int group) => _frozen[Root(group)];

    /// <summary>Returns the layers whose output channels form the group, in graph order.</summary>
    public IReadOnlyList<string> Producers(int group) => _producers[Root(group)];

    /// <summary>Gets the distinct group representatives, ascending.</summary>
    public IReadOnlyList<int> Roots => Enumerable.Range(0, _parent.Count).Where(g => Root(g) == g).ToList();

    /// <summary>Marks a group as not prunable (the first reason is kept).</summary>
    public void Freeze(int group, string reason)
    {
        var root = Root(group);
        _frozen[root] ??= reason;
    }

    /// <summary>Marks every group in a layout as not prunable.</summary>
    public void Freeze(ChannelLayout? layout, string reason)
    {
        foreach (var s in layout?.Segments ?? [])
        {
            Freeze(s.Group, reason);
        }
    }

    /// <summary>Merges two groups that must keep the same channels; returns false when their sizes differ.</summary>
    public bool Union(int a, int b)
    {
        int ra = Root(a), rb = Root(b);
        if (ra == rb)
        {
            return true;
        }

        if (_size[ra] != _size[rb])
        {
            return false;
        }

        var (keep, drop) = ra < rb ? (ra, rb) : (rb, ra);
        _parent[drop] = keep;
        _frozen[keep] ??= _frozen[drop];
        _producers[keep].AddRange(_producers[drop]);
        return true;
    }

    /// <summary>Returns the tensor channels a layout keeps, given the kept channels of each group (absent = all kept).</summary>
    public int[] KeptIndices(ChannelLayout layout, IReadOnlyDictionary<int, int[]> keptByRoot)
    {
        var result = new List<int>();
        long offset = 0;
        foreach (var segment in layout.Segments)
        {
            var size = Size(segment.Group);
            var kept = keptByRoot.TryGetValue(Root(segment.Group), out var k) ? k : Enumerable.Range(0, (int)size).ToArray();
            foreach (var c in kept)
            {
                for (long e = 0; e < segment.Expansion; e++)
                {
                    result.Add((int)(offset + (c * segment.Expansion) + e));
                }
            }

            offset += size * segment.Expansion;
        }

        return result.ToArray();
    }

    /// <summary>Returns the number of tensor channels of a layout.</summary>
    public long ChannelCount(ChannelLayout layout) => layout.Segments.Sum(s => Size(s.Group) * s.Expansion);
}
