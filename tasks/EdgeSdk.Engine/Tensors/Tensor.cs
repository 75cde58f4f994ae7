// A dense, row-major tensor held in a managed array: the value type exchanged between data sets,
// the ONNX Runtime binding, passes and evaluation. Deliberately small: shape, element type, data.
namespace EdgeSdk.Tensors;

/// <summary>A dense row-major tensor backed by a managed array of its element type.</summary>
internal sealed class Tensor
{
    private Tensor(TensorElementType elementType, long[] shape, Array data)
    {
        var count = ElementCount(shape);
        if (data.Length != count)
        {
            throw new ArgumentException($"A tensor of shape [{string.Join(",", shape)}] needs {count} elements, got {data.Length}.");
        }

        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    /// <summary>Gets the element type.</summary>
    public TensorElementType ElementType { get; }

    /// <summary>Gets the shape (dimensions, outermost first).</summary>
    public long[] Shape { get; }

    /// <summary>Gets the elements: <c>float[]</c>, <c>long[]</c>, <c>int[]</c>, <c>sbyte[]</c>, <c>byte[]</c>, <c>bool[]</c>, <c>double[]</c>, <c>string[]</c> …</summary>
    public Array Data { get; }

    /// <summary>Gets the number of elements.</summary>
    public long Length => Data.Length;

    /// <summary>Creates a float32 tensor.</summary>
    public static Tensor FromFloat(float[] data, params long[] shape) => new(TensorElementType.Float, shape, data);

    /// <summary>Creates an int64 tensor.</summary>
    public static Tensor FromInt64(long[] data, params long[] shape) => new(TensorElementType.Int64, shape, data);

    /// <summary>Creates a tensor from an array whose element type is inferred from the array's type.</summary>
    public static Tensor FromArray(Array data, long[] shape) => new(ElementTypeOf(data), shape, data);

    /// <summary>Creates a tensor with an explicit element type (for types that share a CLR array type, such as Float16 in <c>ushort[]</c>).</summary>
    public static Tensor Create(TensorElementType elementType, Array data, long[] shape) => new(elementType, shape, data);

    /// <summary>Gets the data as <c>float[]</c>; throws when the tensor is not float32.</summary>
    public float[] AsFloat() => Data as float[] ?? throw new InvalidOperationException($"Tensor is {ElementType}, not Float.");

    /// <summary>Gets the data as <c>long[]</c>; throws when the tensor is not int64.</summary>
    public long[] AsInt64() => Data as long[] ?? throw new InvalidOperationException($"Tensor is {ElementType}, not Int64.");

    /// <summary>Gets the product of the dimensions.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
        }

        return count;
    }

    /// <summary>Maps a CLR array type to its default element type.</summary>
    public static TensorElementType ElementTypeOf(Array data) => data switch
    {
        float[] => TensorElementType.Float,
        double[] => TensorElementType.Double,
        long[] => TensorElementType.Int64,
        int[] => TensorElementType.Int32,
        short[] => TensorElementType.Int16,
        ushort[] => TensorElementType.UInt16,
        sbyte[] => TensorElementType.Int8,
        byte[] => TensorElementType.UInt8,
        bool[] => TensorElementType.Bool,
        uint[] => TensorElementType.UInt32,
        ulong[] => TensorElementType.UInt64,
        string[] => TensorElementType.String,
        Half[] => TensorElementType.Float16,
        _ => throw new ArgumentException($"No tensor element type for {data.GetType().Name}."),
    };

    /// <summary>Returns rows [start, start+count) along the first dimension as a new tensor.</summary>
    public Tensor SliceRows(long start, long count)
    {
        if (Shape.Length == 0)
        {
            throw new InvalidOperationException("A scalar has no rows.");
        }

        var rowSize = Length / Math.Max(1, Shape[0]);
        var shape = (long[])Shape.Clone();
        shape[0] = count;
        var data = Array.CreateInstance(Data.GetType().GetElementType()!, count * rowSize);
        Array.Copy(Data, start * rowSize, data, 0, count * rowSize);
        return new Tensor(ElementType, shape, data);
    }

    /// <summary>Gathers the given rows along the first dimension into a new tensor.</summary>
    public Tensor GatherRows(IReadOnlyList<int> rows)
    {
        var rowSize = Length / Math.Max(1, Shape[0]);
        var shape = (long[])Shape.Clone();
        shape[0] = rows.Count;
        var data = Array.CreateInstance(Data.GetType().GetElementType()!, rows.Count * rowSize);
        for (var i = 0; i < rows.Count; i++)
        {
            Array.Copy(Data, rows[i] * rowSize, data, i * rowSize, rowSize);
        }

        return new Tensor(ElementType, shape, data);
    }

    /// <summary>Returns a human-readable shape such as <c>[1,3,224,224]</c>.</summary>
    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(",", shape) + "]";
}
