// The inferred type of one value: element type plus shape, where the shape (or its rank) may be unknown.
// Converts to and from ONNX TypeProto so results can be written back into value_info.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>An element type (Undefined when unknown) and a shape (null when even the rank is unknown).</summary>
internal sealed class InferredType : IEquatable<InferredType>
{
    /// <summary>Creates a type.</summary>
    public InferredType(TensorElementType elementType, IReadOnlyList<ShapeDim>? shape)
    {
        ElementType = elementType;
        Shape = shape?.ToArray();
    }

    /// <summary>Gets the entirely unknown type.</summary>
    public static InferredType Unknown { get; } = new(TensorElementType.Undefined, null);

    /// <summary>Gets the element type (Undefined when unknown).</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the dimensions, or null when the rank is unknown.</summary>
    public IReadOnlyList<ShapeDim>? Shape { get; }

    /// <summary>Gets the rank, or null when unknown.</summary>
    public int? Rank => Shape?.Count;

    /// <summary>Gets whether neither element type nor shape is known.</summary>
    public bool IsUnknown => ElementType == TensorElementType.Undefined && Shape is null;

    /// <summary>Gets whether every dimension is a known number.</summary>
    public bool IsFullyKnown => Shape is not null && Shape.All(d => d.IsKnown);

    /// <summary>Creates a type with known dimensions.</summary>
    public static InferredType Of(TensorElementType elementType, params long[] dims) => new(elementType, dims.Select(ShapeDim.Known).ToArray());

    /// <summary>Returns the known dimensions, or null when any dimension is not a number.</summary>
    public long[]? KnownDims() => IsFullyKnown ? Shape!.Select(d => d.Value!.Value).ToArray() : null;

    /// <summary>Returns a copy with another shape.</summary>
    public InferredType WithShape(IReadOnlyList<ShapeDim>? shape) => new(ElementType, shape);

    /// <summary>Returns a copy with another element type.</summary>
    public InferredType WithElementType(TensorElementType elementType) => new(elementType, Shape);

    /// <summary>Reads a tensor TypeProto (other kinds of types are unknown here).</summary>
    public static InferredType FromProto(TypeProto? type)
    {
        if (type?.TensorType is not { } tensor)
        {
            return Unknown;
        }

        return new((TensorElementType)tensor.ElemType, tensor.Shape?.Dim.Select(ShapeDim.FromProto).ToArray());
    }

    /// <summary>Writes this type as a tensor TypeProto.</summary>
    public TypeProto ToProto()
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)ElementType };
        if (Shape is not null)
        {
            tensor.Shape = new TensorShapeProto();
            tensor.Shape.Dim.AddRange(Shape.Select(d => d.ToProto()));
        }

        return new TypeProto { TensorType = tensor };
    }

    /// <inheritdoc/>
    public bool Equals(InferredType? other) => other is not null && other.ElementType == ElementType &&
        (Shape is null ? other.Shape is null : other.Shape is not null && Shape.SequenceEqual(other.Shape));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as InferredType);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ElementType, Shape?.Count ?? -1);

    /// <summary>Renders e.g. <c>float[batch,10]</c>, <c>int64[?]</c> for unknown rank, or <c>unknown</c>.</summary>
    public override string ToString()
    {
        if (IsUnknown)
        {
            return "unknown";
        }

        var type = ElementTypeNames.Of(ElementType);
        return Shape is null ? $"{type}[rank unknown]" : $"{type}[{string.Join(",", Shape)}]";
    }
}
