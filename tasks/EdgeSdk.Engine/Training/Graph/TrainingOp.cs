// The contract of one operator in an execution plan: shape inference at plan time, a forward kernel and
// a reverse-mode backward kernel that accumulates into the gradients of its differentiable inputs.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Training.Graph;

/// <summary>How BatchNormalization behaves while training.</summary>
internal enum BatchNormMode
{
    /// <summary>Use the running statistics (inference mode; the usual choice for fine-tuning). Scale and bias still train.</summary>
    Frozen,

    /// <summary>Normalize with batch statistics and update the running statistics (PyTorch's train mode).</summary>
    Train,
}

/// <summary>Options that change how operators behave in a plan.</summary>
/// <param name="Training">True for a training step (batch statistics in train-mode BN); false for evaluation.</param>
/// <param name="BatchNorm">BatchNormalization behaviour when training.</param>
/// <param name="Opset">The model's ai.onnx opset (operators whose semantics changed read it).</param>
internal sealed record OpOptions(bool Training, BatchNormMode BatchNorm, long Opset = 17);

/// <summary>One operator instance bound to concrete plan values.</summary>
internal abstract class TrainingOp
{
    /// <summary>Binds the operator to its node and values.</summary>
    protected TrainingOp(NodeProto node, TrainingValue[] inputs, TrainingValue[] outputs, OpOptions options)
    {
        Node = node;
        In = inputs;
        Out = outputs;
        Options = options;
    }

    /// <summary>Gets the ONNX node.</summary>
    public NodeProto Node { get; }

    /// <summary>Gets the input values (an absent optional input is null).</summary>
    public TrainingValue[] In { get; }

    /// <summary>Gets the output values.</summary>
    public TrainingValue[] Out { get; }

    /// <summary>Gets the plan options.</summary>
    public OpOptions Options { get; }

    /// <summary>Gets or sets per-call scratch memory shared by all operators of the plan (at least <see cref="ScratchSize"/> floats).</summary>
    public float[] Scratch { get; set; } = [];

    /// <summary>Gets the floats of scratch the operator needs (valid after <see cref="InferShapes"/>).</summary>
    public virtual int ScratchSize => 0;

    /// <summary>Gets the floats the operator keeps from its forward pass for its backward pass (0 = none; valid once the plan has set <see cref="NeedsBackward"/>).</summary>
    public virtual int SavedBufferSize => 0;

    /// <summary>Gets or sets the pooled buffer of <see cref="SavedBufferSize"/> floats, live from this operator's forward step to its backward step (empty when not planned).</summary>
    public float[] SavedBuffer { get; set; } = [];

    /// <summary>Gets whether the first output shares the first input's storage (pure reshapes).</summary>
    public virtual bool OutputAliasesInput => false;

    /// <summary>Gets whether the backward pass runs (set by the plan when a differentiable input needs a gradient).</summary>
    public bool NeedsBackward { get; set; }

    /// <summary>Returns whether a gradient flows to input <paramref name="index"/>.</summary>
    public virtual bool IsDifferentiable(int index) => true;

    /// <summary>Computes output shapes from input shapes (and constant inputs).</summary>
    public abstract void InferShapes();

    /// <summary>Computes the outputs.</summary>
    public abstract void Forward();

    /// <summary>Adds the gradients of the inputs that need one, from the outputs' gradients.</summary>
    public abstract void Backward();

    /// <summary>Gets the values the backward pass reads (their storage is kept alive until it ran).</summary>
    public virtual IEnumerable<TrainingValue> SavedForBackward => [];

    /// <summary>Gets whether input <paramref name="i"/> exists and needs a gradient.</summary>
    protected bool NeedsGrad(int i) => i < In.Length && In[i] is { RequiresGrad: true };

    /// <summary>Reads a constant integer input (shape-like) or throws a located error.</summary>
    protected long[] ConstantInts(int i, string what)
    {
        var v = In[i];
        if (v is null || !v.IsConstant || v.Constant is null)
        {
            throw new EdgeException(DiagnosticCatalog.Training.DynamicShape, $"Node '{Node.Name}' ({Node.OpType}): its {what} input '{v?.Name}' is computed from data at run time; the training engine needs it to be a constant or computable from shapes. Export the model with static {what}s.");
        }

        return v.Constant.Data switch
        {
            long[] l => l,
            int[] n => n.Select(x => (long)x).ToArray(),
            float[] f => f.Select(x => (long)x).ToArray(),
            _ => throw new EdgeException(DiagnosticCatalog.Training.DynamicShape, $"Node '{Node.Name}' ({Node.OpType}): {what} input '{v.Name}' is {v.Constant.ElementType}, expected integers."),
        };
    }

    /// <summary>Reads a constant float scalar input, or returns <paramref name="fallback"/> when the input is absent.</summary>
    protected float ConstantScalar(int i, float fallback)
    {
        if (i >= In.Length || In[i] is null)
        {
            return fallback;
        }

        var v = In[i];
        if (v.Kind == ValueKind.Parameter && v.Length >= 1)
        {
            return v.Data[0];
        }

        if (!v.IsConstant || v.Constant is null)
        {
            throw new EdgeException(DiagnosticCatalog.Training.UnsupportedConfiguration, $"Node '{Node.Name}' ({Node.OpType}): input '{v.Name}' must be a constant for training.");
        }

        return Convert.ToSingle(v.Constant.Data.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Creates an error about this node.</summary>
    protected EdgeException Unsupported(string what) => new(DiagnosticCatalog.Training.UnsupportedConfiguration, $"Node '{Node.Name}' ({Node.OpType}): {what}");
}
