// The statically known contents of a small integer tensor (at most a few thousand elements), where each
// element may be a number, a symbol or unknown. Shape subgraphs (Shape -> Gather -> Unsqueeze -> Concat ->
// Reshape, as PyTorch exports them) are folded through these so that Reshape targets become known.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>Known contents of an integer tensor: its shape and its elements as dimensions.</summary>
internal sealed class FoldedValue
{
    /// <summary>The largest tensor whose contents are tracked.</summary>
    public const int MaxElements = 4096;

    /// <summary>Creates a folded value.</summary>
    public FoldedValue(long[] shape, ShapeDim[] elements)
    {
        Shape = shape;
        Elements = elements;
    }

    /// <summary>Gets the tensor's shape.</summary>
    public long[] Shape { get; }

    /// <summary>Gets the elements in row-major order.</summary>
    public ShapeDim[] Elements { get; }

    /// <summary>Creates a 1-D value.</summary>
    public static FoldedValue Vector(IEnumerable<ShapeDim> elements)
    {
        var e = elements.ToArray();
        return new FoldedValue([e.Length], e);
    }

    /// <summary>Creates a value from known integers.</summary>
    public static FoldedValue FromLongs(long[] shape, long[] values) => new(shape, values.Select(ShapeDim.Known).ToArray());

    /// <summary>Returns every element as a number, or null when any element is not known.</summary>
    public long[]? KnownValues() => Elements.All(e => e.IsKnown) ? Elements.Select(e => e.Value!.Value).ToArray() : null;

    /// <summary>Folds an integer constant tensor; null for other types, external data or large tensors.</summary>
    public static FoldedValue? FromTensor(TensorProto tensor)
    {
        var type = (TensorElementType)tensor.DataType;
        if (type is not (TensorElementType.Int64 or TensorElementType.Int32 or TensorElementType.Int16 or TensorElementType.Int8 or TensorElementType.UInt8)
            || tensor.DataLocation == TensorProto.Types.DataLocation.External
            || Tensor.ElementCount(tensor.Dims.ToArray()) > MaxElements)
        {
            return null;
        }

        return FromLongs(tensor.Dims.ToArray(), TensorProtoConverter.ToInt64Array(tensor));
    }

    /// <summary>Returns a copy with another shape (same elements).</summary>
    public FoldedValue Reshaped(long[] shape) => new(shape, Elements);
}
