// The static type of one value in a graph (element type and concrete dimensions at the evaluated batch
// size), and the table of them that static analysis reads. Shapes come from initializers, the graph's
// declared inputs/outputs/value_info, and a shape source (shape inference or a probing run).
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Evaluation;

/// <summary>A value's element type and concrete shape.</summary>
/// <param name="ElementType">Element type.</param>
/// <param name="Dims">Dimensions, outermost first.</param>
internal sealed record ValueShape(TensorElementType ElementType, long[] Dims)
{
    /// <summary>Gets the number of elements.</summary>
    public long Elements => Tensor.ElementCount(Dims);

    /// <summary>Gets the bytes the value occupies (sub-byte types rounded up).</summary>
    public long Bytes => (Elements * ElementBits(ElementType) + 7) / 8;

    /// <summary>Returns the bits of one element of <paramref name="type"/>.</summary>
    public static int ElementBits(TensorElementType type) => type switch
    {
        TensorElementType.Double or TensorElementType.Int64 or TensorElementType.UInt64 or TensorElementType.Complex64 => 64,
        TensorElementType.Complex128 => 128,
        TensorElementType.Float or TensorElementType.Int32 or TensorElementType.UInt32 => 32,
        TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Int16 or TensorElementType.UInt16 => 16,
        TensorElementType.Int4 or TensorElementType.UInt4 or TensorElementType.Float4E2M1 => 4,
        TensorElementType.Int2 or TensorElementType.UInt2 => 2,
        _ => 8,
    };

    /// <summary>Collects the shapes a graph states itself: initializers, declared inputs and outputs (a symbolic first dimension becomes <paramref name="batch"/>) and value_info with fully concrete dims.</summary>
    public static Dictionary<string, ValueShape> Declared(ModelGraph model, int batch)
    {
        var shapes = new Dictionary<string, ValueShape>(StringComparer.Ordinal);
        foreach (var info in model.Graph.ValueInfo)
        {
            if (FromValueInfo(info, batch: null) is { } shape)
            {
                shapes[info.Name] = shape;
            }
        }

        foreach (var info in model.Graph.Output)
        {
            if (FromValueInfo(info, batch) is { } shape)
            {
                shapes[info.Name] = shape;
            }
        }

        foreach (var input in model.RealInputs)
        {
            if (FromValueInfo(input, batch) is { } shape)
            {
                shapes[input.Name] = shape;
            }
        }

        foreach (var init in model.Graph.Initializer)
        {
            shapes[init.Name] = new ValueShape((TensorElementType)init.DataType, init.Dims.ToArray());
        }

        return shapes;
    }

    private static ValueShape? FromValueInfo(ValueInfoProto info, int? batch)
    {
        var tensor = info.Type?.TensorType;
        if (tensor?.Shape is null)
        {
            return null;
        }

        var dims = new long[tensor.Shape.Dim.Count];
        for (var i = 0; i < dims.Length; i++)
        {
            var d = tensor.Shape.Dim[i];
            if (d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue && d.DimValue > 0)
            {
                dims[i] = d.DimValue;
            }
            else if (i == 0 && batch is { } b)
            {
                dims[i] = b;
            }
            else
            {
                return null;
            }
        }

        return new ValueShape((TensorElementType)tensor.ElemType, dims);
    }
}
