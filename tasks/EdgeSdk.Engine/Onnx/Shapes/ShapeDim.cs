// One dimension of an inferred shape: a known size, a symbol shared by values whose size is only known at
// run time (for example `batch`), or unknown. Shape inference never invents a size it cannot prove.
using System.Globalization;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>A tensor dimension: a known value, a symbol such as <c>batch</c>, or unknown (both null).</summary>
internal readonly record struct ShapeDim(long? Value, string? Symbol)
{
    /// <summary>Gets the unknown dimension.</summary>
    public static ShapeDim Unknown => default;

    /// <summary>Gets whether the size is a known number.</summary>
    public bool IsKnown => Value.HasValue;

    /// <summary>Gets whether the size is a named symbol.</summary>
    public bool IsSymbolic => !Value.HasValue && Symbol is not null;

    /// <summary>Gets whether nothing is known about the size.</summary>
    public bool IsUnknown => !Value.HasValue && Symbol is null;

    /// <summary>Creates a known dimension.</summary>
    public static ShapeDim Known(long value) => new(value, null);

    /// <summary>Creates a symbolic dimension.</summary>
    public static ShapeDim Symbolic(string symbol) => new(null, symbol);

    /// <summary>Returns whether this dimension is the known value <paramref name="value"/>.</summary>
    public bool Is(long value) => Value == value;

    /// <summary>Returns whether both dimensions are provably the same size (same value or same symbol).</summary>
    public bool SameAs(ShapeDim other) => (IsKnown && other.IsKnown && Value == other.Value) || (IsSymbolic && other.IsSymbolic && Symbol == other.Symbol);

    /// <summary>Reads an ONNX dimension.</summary>
    public static ShapeDim FromProto(TensorShapeProto.Types.Dimension d) => d.ValueCase switch
    {
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue => Known(d.DimValue),
        TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam when d.DimParam.Length > 0 => Symbolic(d.DimParam),
        _ => Unknown,
    };

    /// <summary>Writes this dimension as an ONNX dimension.</summary>
    public TensorShapeProto.Types.Dimension ToProto()
    {
        var d = new TensorShapeProto.Types.Dimension();
        if (Value.HasValue)
        {
            d.DimValue = Value.Value;
        }
        else if (Symbol is not null)
        {
            d.DimParam = Symbol;
        }

        return d;
    }

    /// <summary>Renders the value, the symbol, or <c>?</c>.</summary>
    public override string ToString() => Value?.ToString(CultureInfo.InvariantCulture) ?? Symbol ?? "?";
}
