// What one operator's shape rule sees: the node, the opset it binds to, the inferred types of its inputs,
// constant inputs (initializers, Constant nodes, folded shape values), and where to put its outputs.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>A shape rule for one operator type.</summary>
internal delegate void ShapeRule(NodeShapeContext ctx);

/// <summary>Inputs and outputs of one node during shape inference.</summary>
internal sealed class NodeShapeContext
{
    private readonly Func<string, InferredType> _typeOf;
    private readonly Func<string, FoldedValue?> _foldedOf;
    private readonly Func<string, TensorProto?> _constantOf;

    /// <summary>Creates the context for <paramref name="node"/>.</summary>
    public NodeShapeContext(NodeProto node, long opset, Func<string, InferredType> typeOf, Func<string, FoldedValue?> foldedOf, Func<string, TensorProto?> constantOf)
    {
        Node = node;
        Opset = opset;
        _typeOf = typeOf;
        _foldedOf = foldedOf;
        _constantOf = constantOf;
        Outputs = new InferredType[node.Output.Count];
        FoldedOutputs = new FoldedValue?[node.Output.Count];
    }

    /// <summary>Gets the node.</summary>
    public NodeProto Node { get; }

    /// <summary>Gets the opset version the node binds to.</summary>
    public long Opset { get; }

    /// <summary>Gets the inferred output types (null entries were not set by the rule).</summary>
    public InferredType?[] Outputs { get; }

    /// <summary>Gets the folded output contents (null when not known).</summary>
    public FoldedValue?[] FoldedOutputs { get; }

    /// <summary>Gets the number of node inputs (including omitted optional ones written as "").</summary>
    public int InputCount => Node.Input.Count;

    /// <summary>Gets the number of node outputs.</summary>
    public int OutputCount => Node.Output.Count;

    /// <summary>Returns whether input <paramref name="i"/> is given (present and not the empty name).</summary>
    public bool HasInput(int i) => i < Node.Input.Count && Node.Input[i].Length > 0;

    /// <summary>Returns the inferred type of input <paramref name="i"/> (unknown when absent).</summary>
    public InferredType Input(int i) => HasInput(i) ? _typeOf(Node.Input[i]) : InferredType.Unknown;

    /// <summary>Returns the shape of input <paramref name="i"/>, or null when its rank is unknown.</summary>
    public IReadOnlyList<ShapeDim>? Shape(int i) => Input(i).Shape;

    /// <summary>Returns the element type of input <paramref name="i"/>.</summary>
    public TensorElementType ElementType(int i) => Input(i).ElementType;

    /// <summary>Returns the folded contents of input <paramref name="i"/>, or null.</summary>
    public FoldedValue? Folded(int i) => HasInput(i) ? _foldedOf(Node.Input[i]) : null;

    /// <summary>Returns input <paramref name="i"/> as known integers, or null when not statically known.</summary>
    public long[]? KnownInts(int i) => Folded(i)?.KnownValues();

    /// <summary>Returns input <paramref name="i"/> as a constant tensor (initializer or Constant node), or null.</summary>
    public TensorProto? ConstantTensor(int i) => HasInput(i) ? _constantOf(Node.Input[i]) : null;

    /// <summary>Returns a constant floating-point input's values, or null when it is not a readable constant.</summary>
    public float[]? ConstantFloats(int i)
    {
        var t = ConstantTensor(i);
        if (t is null || t.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return null;
        }

        return (TensorElementType)t.DataType is TensorElementType.Float or TensorElementType.Double or TensorElementType.Float16 ? TensorProtoConverter.ToFloatArray(t) : null;
    }

    /// <summary>Sets output <paramref name="i"/> (ignored when the node has fewer outputs).</summary>
    public void SetOutput(int i, InferredType type)
    {
        if (i < Outputs.Length)
        {
            Outputs[i] = type;
        }
    }

    /// <summary>Sets output <paramref name="i"/> from an element type and shape.</summary>
    public void SetOutput(int i, TensorElementType elementType, IReadOnlyList<ShapeDim>? shape) => SetOutput(i, new InferredType(elementType, shape));

    /// <summary>Records the folded contents of output <paramref name="i"/>.</summary>
    public void SetFolded(int i, FoldedValue? value)
    {
        if (i < FoldedOutputs.Length && value is not null && value.Elements.Length <= FoldedValue.MaxElements)
        {
            FoldedOutputs[i] = value;
        }
    }
}
