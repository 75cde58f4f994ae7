// The trainable view of an ONNX model: its float initializers become parameters (trainable where a
// gradient can reach them, frozen on request; BatchNormalization statistics are buffers), other
// initializers are constants. Plans for concrete input shapes are built on demand and cached, and trained
// values are written back into the model's initializers.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Tensors;

namespace EdgeSdk.Training.Graph;

/// <summary>A model prepared for training.</summary>
internal sealed class TrainingGraph
{
    private readonly Dictionary<string, TrainingParameter> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExecutionPlan> _plans = new(StringComparer.Ordinal);
    private BatchNormMode _batchNorm;

    /// <summary>Prepares <paramref name="model"/> for training (the model object is kept; <see cref="WriteBack"/> edits it).</summary>
    public TrainingGraph(ModelGraph model, BatchNormMode batchNorm = BatchNormMode.Frozen)
    {
        Model = model;
        _batchNorm = batchNorm;
        var parameters = new List<TrainingParameter>();
        var constants = new List<(string, Tensor)>();
        foreach (var init in model.Graph.Initializer)
        {
            var tensor = TensorProtoConverter.ToTensor(init);
            if (tensor.Data is float[] data)
            {
                var p = new TrainingParameter(init.Name, tensor.Shape.Select(d => (int)d).ToArray(), data) { Decays = tensor.Shape.Length >= 2 };
                parameters.Add(p);
                _byName[p.Name] = p;
            }
            else
            {
                constants.Add((init.Name, tensor));
            }
        }

        foreach (var node in model.Nodes)
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (!_byName.TryGetValue(node.Input[i], out var p))
                {
                    continue;
                }

                if (node.OpType == "BatchNormalization" && i >= 3)
                {
                    p.IsBuffer = true;
                }
                else if (IsDifferentiableSlot(node.OpType, i))
                {
                    p.Trainable = true;
                }
            }
        }

        foreach (var p in parameters.Where(p => p.IsBuffer))
        {
            p.Trainable = false;
        }

        Parameters = parameters;
        ConstantInitializers = constants;
        InputNames = model.RealInputs.Select(i => i.Name).ToList();
        OutputNames = model.Graph.Output.Select(o => o.Name).ToList();
    }

    /// <summary>Gets the model.</summary>
    public ModelGraph Model { get; }

    /// <summary>Gets the float initializers, in file order.</summary>
    public IReadOnlyList<TrainingParameter> Parameters { get; }

    /// <summary>Gets the non-float initializers.</summary>
    public IReadOnlyList<(string Name, Tensor Value)> ConstantInitializers { get; }

    /// <summary>Gets the real input names.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>Gets the output names.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Gets or sets how BatchNormalization behaves in training plans.</summary>
    public BatchNormMode BatchNorm
    {
        get => _batchNorm;
        set
        {
            _batchNorm = value;
            _plans.Clear();
        }
    }

    /// <summary>Gets the trainable parameters.</summary>
    public IEnumerable<TrainingParameter> Trainable => Parameters.Where(p => p.Trainable);

    /// <summary>Gets a parameter by name, or throws EDGE2708.</summary>
    public TrainingParameter Parameter(string name) => _byName.TryGetValue(name, out var p) ? p
        : throw new EdgeException(DiagnosticCatalog.Training.BadParameter, $"The model has no float initializer named '{name}'. Parameters: {string.Join(", ", _byName.Keys.Take(20))}{(_byName.Count > 20 ? ", …" : string.Empty)}.");

    /// <summary>Freezes the named parameters (they keep their values).</summary>
    public void Freeze(IEnumerable<string> names)
    {
        foreach (var n in names)
        {
            Parameter(n).Trainable = false;
        }

        _plans.Clear();
    }

    /// <summary>Returns the cached plan for these input shapes, building it on first use.</summary>
    public ExecutionPlan Plan(IReadOnlyDictionary<string, int[]> inputShapes, bool training)
    {
        var key = (training ? "T|" : "E|") + string.Join(";", inputShapes.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + ":" + string.Join(",", kv.Value)));
        if (!_plans.TryGetValue(key, out var plan))
        {
            plan = new ExecutionPlan(this, inputShapes, training, new OpOptions(training, _batchNorm, Model.OpsetVersion));
            _plans[key] = plan;
        }

        return plan;
    }

    /// <summary>Returns the plan for a single input of the given shape.</summary>
    public ExecutionPlan Plan(int[] inputShape, bool training) => Plan(new Dictionary<string, int[]>(StringComparer.Ordinal) { [InputNames[0]] = inputShape }, training);

    /// <summary>Runs a forward pass for one batch (evaluation mode) and returns the first output's values (a new array).</summary>
    public float[] Infer(Tensor input)
    {
        var plan = Plan(input.Shape.Select(d => (int)d).ToArray(), training: false);
        plan.SetInput(0, input.AsFloat());
        plan.Forward();
        return plan.Outputs[0].Span.ToArray();
    }

    /// <summary>Writes the current parameter values into <paramref name="target"/>'s initializers (by name).</summary>
    public void WriteBack(ModelGraph target)
    {
        foreach (var p in Parameters)
        {
            if (target.GetInitializer(p.Name) is null)
            {
                continue;
            }

            target.SetInitializer(TensorProtoConverter.FromFloat(p.Name, (float[])p.Data.Clone(), p.Shape.Select(d => (long)d).ToArray()));
        }
    }

    /// <summary>Returns whether input <paramref name="index"/> of an <paramref name="opType"/> node receives a gradient.</summary>
    public static bool IsDifferentiableSlot(string opType, int index) => opType switch
    {
        "BatchNormalization" or "LayerNormalization" => index <= 2,
        "Clip" or "QuantizeLinear" or "DequantizeLinear" or "Reshape" or "Split" or "Gather" or "ReduceMean" or "Squeeze" or "Unsqueeze" or "Dropout" => index == 0,
        "Shape" or "Size" or "Constant" or "ConstantOfShape" => false,
        _ => true,
    };
}
