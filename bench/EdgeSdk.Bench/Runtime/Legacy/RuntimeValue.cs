// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// A value that crosses the ORT boundary when it is not (only) a tensor: a sequence of values, a map (keys
// and values tensors), or an optional holding nothing. Run(...) on tensors covers the common case; this
// type lets RunValues surface every output kind ORT produces, and lets callers feed sequences and maps.
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>A tensor, sequence, map or empty optional exchanged with ONNX Runtime.</summary>
internal sealed class RuntimeValue
{
    private RuntimeValue(OnnxValueKind kind, Tensor? tensor, IReadOnlyList<RuntimeValue> items, bool hasValue)
    {
        Kind = kind;
        Tensor = tensor;
        Items = items;
        HasValue = hasValue;
    }

    /// <summary>Gets an optional value that holds nothing.</summary>
    public static RuntimeValue None { get; } = new(OnnxValueKind.Optional, null, [], hasValue: false);

    /// <summary>Gets the kind (Tensor, Sequence, Map; Optional only for <see cref="None"/>).</summary>
    public OnnxValueKind Kind { get; }

    /// <summary>Gets the tensor when <see cref="Kind"/> is Tensor.</summary>
    public Tensor? Tensor { get; }

    /// <summary>Gets a sequence's elements, or a map's keys and values tensors (in that order).</summary>
    public IReadOnlyList<RuntimeValue> Items { get; }

    /// <summary>Gets whether the value is present (false only for <see cref="None"/>).</summary>
    public bool HasValue { get; }

    /// <summary>Wraps a tensor.</summary>
    public static RuntimeValue FromTensor(Tensor tensor) => new(OnnxValueKind.Tensor, tensor, [], hasValue: true);

    /// <summary>Creates a sequence.</summary>
    public static RuntimeValue Sequence(IReadOnlyList<RuntimeValue> items) => new(OnnxValueKind.Sequence, null, items, hasValue: true);

    /// <summary>Creates a map from a keys tensor and a values tensor of the same length.</summary>
    public static RuntimeValue Map(Tensor keys, Tensor values) => new(OnnxValueKind.Map, null, [FromTensor(keys), FromTensor(values)], hasValue: true);

    /// <summary>Gets the tensor, or throws EDGE3004 saying what the value is instead.</summary>
    public Tensor AsTensor(string name) => Tensor ?? throw new EdgeException(
        DiagnosticCatalog.Runtime.UnsupportedValue,
        HasValue
            ? $"'{name}' is a {Kind} of {Items.Count} item(s), not a tensor. Read it through RuntimeValue.Items."
            : $"'{name}' is an optional value that holds nothing, not a tensor. Check RuntimeValue.HasValue first.");

    /// <inheritdoc/>
    public override string ToString() => !HasValue ? "None"
        : Kind == OnnxValueKind.Tensor ? $"{Tensor!.ElementType}{Tensor.FormatShape(Tensor.Shape)}"
        : $"{Kind}[{string.Join(", ", Items)}]";
}
