// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// What a session declares for one input or output: name, kind (tensor, sequence, optional, map), element
// type and shape with -1 and the symbolic name for dynamic dimensions.
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>The kind of an ONNX value (ORT's <c>ONNXType</c>).</summary>
internal enum OnnxValueKind
{
    /// <summary>Unknown.</summary>
    Unknown = 0,
    /// <summary>A dense tensor.</summary>
    Tensor = 1,
    /// <summary>A sequence of values.</summary>
    Sequence = 2,
    /// <summary>A map.</summary>
    Map = 3,
    /// <summary>An opaque value.</summary>
    Opaque = 4,
    /// <summary>A sparse tensor.</summary>
    SparseTensor = 5,
    /// <summary>An optional value.</summary>
    Optional = 6,
}

/// <summary>The declared type of a session input or output.</summary>
/// <param name="Name">The value's name in the graph.</param>
/// <param name="Kind">Tensor, sequence, optional …</param>
/// <param name="ElementType">The tensor's element type (for a sequence or optional: of the innermost tensor; Undefined when none).</param>
/// <param name="Shape">Dimensions, -1 for dynamic ones (empty when not a tensor or rank unknown).</param>
/// <param name="SymbolicDims">The symbolic name of each dimension, or null when the dimension is fixed or unnamed.</param>
internal sealed record ValueMetadata(string Name, OnnxValueKind Kind, TensorElementType ElementType, long[] Shape, string?[] SymbolicDims)
{
    /// <summary>Gets whether every dimension is known.</summary>
    public bool IsStatic => Shape.All(d => d >= 0);

    /// <inheritdoc/>
    public override string ToString() => Kind == OnnxValueKind.Tensor
        ? $"{Name}: {ElementType}[{string.Join(",", Shape.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : SymbolicDims[i] ?? "?"))}]"
        : $"{Name}: {Kind}<{ElementType}>";
}
