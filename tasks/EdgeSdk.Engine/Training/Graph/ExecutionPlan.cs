// A training graph specialized to concrete input shapes: shape subgraphs folded to constants, operators
// bound to values with known shapes, gradients enabled only where a trainable parameter is upstream, and
// every activation and gradient given pooled storage by the memory planner. Forward() and Backward() then
// run the operators without allocating.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Training.Graph;

/// <summary>An executable, shape-specialized training or evaluation plan.</summary>
internal sealed class ExecutionPlan
{
    private readonly List<TrainingOp> _ops = [];
    private readonly List<TrainingValue>[] _clearAtBackwardOf;
    private readonly Dictionary<string, TrainingValue> _values = new(StringComparer.Ordinal);

    /// <summary>Builds a plan.</summary>
    /// <param name="graph">The training graph.</param>
    /// <param name="inputShapes">Concrete shape of each real graph input.</param>
    /// <param name="withGradients">True to plan the backward pass.</param>
    /// <param name="options">Operator options.</param>
    public ExecutionPlan(TrainingGraph graph, IReadOnlyDictionary<string, int[]> inputShapes, bool withGradients, OpOptions options)
    {
        WithGradients = withGradients;
        var model = graph.Model;
        foreach (var input in model.RealInputs)
        {
            if (!inputShapes.TryGetValue(input.Name, out var shape))
            {
                throw new EdgeException(DiagnosticCatalog.Training.BadTrainingData, $"No data for the model input '{input.Name}'.");
            }

            var v = new TrainingValue(input.Name, ValueKind.Input) { Shape = shape };
            v.Data = new float[v.Length];
            _values[input.Name] = v;
        }

        foreach (var p in graph.Parameters)
        {
            _values[p.Name] = new TrainingValue(p.Name, ValueKind.Parameter)
            {
                Shape = p.Shape,
                Data = p.Data,
                Parameter = p,
                RequiresGrad = withGradients && p.Trainable,
                Grad = withGradients && p.Trainable ? p.Grad : null,
            };
        }

        foreach (var (name, tensor) in graph.ConstantInitializers)
        {
            _values[name] = ConstantValue(name, tensor);
        }

        foreach (var node in model.TopologicalOrder())
        {
            AddNode(node, options);
        }

        Inputs = model.RealInputs.Select(i => _values[i.Name]).ToArray();
        Outputs = model.Graph.Output.Select(o => _values.TryGetValue(o.Name, out var v) ? v : throw new EdgeException(DiagnosticCatalog.Onnx.MalformedModel, $"Graph output '{o.Name}' is not produced by any node.")).ToArray();
        if (withGradients)
        {
            PropagateRequiresGrad();
        }

        _clearAtBackwardOf = new List<TrainingValue>[_ops.Count];
        for (var i = 0; i < _ops.Count; i++)
        {
            _clearAtBackwardOf[i] = [];
        }

        PlanMemory();
        var scratch = new float[Math.Max(1, _ops.Count == 0 ? 0 : _ops.Max(o => o.ScratchSize))];
        foreach (var op in _ops)
        {
            op.Scratch = scratch;
        }

        PooledFloats += scratch.Length;
    }

    /// <summary>Gets whether the plan computes gradients.</summary>
    public bool WithGradients { get; }

    /// <summary>Gets the real graph inputs.</summary>
    public TrainingValue[] Inputs { get; }

    /// <summary>Gets the graph outputs.</summary>
    public TrainingValue[] Outputs { get; }

    /// <summary>Gets the operators in execution order.</summary>
    public IReadOnlyList<TrainingOp> Ops => _ops;

    /// <summary>Gets the floats held by pooled activation, gradient and scratch buffers (the plan's peak working memory).</summary>
    public long PooledFloats { get; private set; }

    /// <summary>Gets a value by name.</summary>
    public TrainingValue Value(string name) => _values[name];

    /// <summary>Copies a batch into an input.</summary>
    public void SetInput(int index, ReadOnlySpan<float> data) => data.CopyTo(Inputs[index].Span);

    /// <summary>Gets or sets per-operator-type time accounting (null = off; the benchmark turns it on to say where time goes).</summary>
    public OpProfile? Profile { get; set; }

    /// <summary>Runs the forward pass.</summary>
    public void Forward()
    {
        foreach (var op in _ops)
        {
            var t = Profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
            op.Forward();
            Profile?.Add(op, forward: true, t);
        }
    }

    /// <summary>Runs the backward pass; the caller has written the outputs' gradients (the loss) first. Activations, outputs included, are pooled and may be overwritten: read outputs before calling this.</summary>
    public void Backward()
    {
        if (!WithGradients)
        {
            throw new InvalidOperationException("This plan was built without gradients.");
        }

        for (var i = _ops.Count - 1; i >= 0; i--)
        {
            foreach (var v in _clearAtBackwardOf[i])
            {
                v.GradSpan.Clear();
            }

            var op = _ops[i];
            if (op.NeedsBackward)
            {
                var t = Profile is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
                op.Backward();
                Profile?.Add(op, forward: false, t);
            }
        }
    }

    private static TrainingValue ConstantValue(string name, Tensor tensor) => new(name, ValueKind.Constant)
    {
        Shape = tensor.Shape.Select(d => (int)d).ToArray(),
        Constant = tensor,
        Data = ConstantFolder.ToFloats(tensor) ?? [],
    };

    private void AddNode(NodeProto node, OpOptions options)
    {
        var inputs = new TrainingValue[node.Input.Count];
        for (var i = 0; i < inputs.Length; i++)
        {
            var name = node.Input[i];
            if (name.Length == 0)
            {
                inputs[i] = null!;
                continue;
            }

            inputs[i] = _values.TryGetValue(name, out var v) ? v : throw new EdgeException(DiagnosticCatalog.Onnx.MalformedModel, $"Node '{node.Name}' ({node.OpType}) reads '{name}', which no node, input or initializer provides.");
        }

        var present = inputs.Where(v => v is not null).ToList();
        var allConstant = present.All(v => v.IsConstant);
        if (node.OpType == "Constant")
        {
            _values[node.Output[0]] = ConstantValue(node.Output[0], ConstantFolder.ConstantValue(node));
            return;
        }

        if ((node.OpType is "Shape" or "Size") || (allConstant && ConstantFolder.CanFold(node.OpType) && node.Output.Count == 1))
        {
            var folded = ConstantFolder.Evaluate(node, inputs);
            if (folded is not null)
            {
                _values[node.Output[0]] = ConstantValue(node.Output[0], folded);
                return;
            }
        }

        var outputs = node.Output.Select(o => o.Length == 0 ? null! : new TrainingValue(o, ValueKind.Activation)).ToArray();
        var op = OpFactory.Create(node, inputs, outputs, options);
        op.InferShapes();
        if (allConstant)
        {
            // A float computation on constants (e.g. Sqrt of a constant, Div of two constants): evaluate once.
            foreach (var o in outputs.Where(o => o is not null))
            {
                o.Data = new float[o.Length];
            }

            op.Scratch = new float[Math.Max(1, op.ScratchSize)];
            if (op.OutputAliasesInput)
            {
                outputs[0].Data = inputs[0].Data;
            }

            op.Forward();
            foreach (var o in outputs.Where(o => o is not null))
            {
                o.Kind = ValueKind.Constant;
                o.Constant = Tensor.FromFloat(o.Span.ToArray(), o.Shape.Select(d => (long)d).ToArray());
                _values[o.Name] = o;
            }

            return;
        }

        _ops.Add(op);
        foreach (var o in outputs.Where(o => o is not null))
        {
            _values[o.Name] = o;
        }
    }

    private void PropagateRequiresGrad()
    {
        foreach (var op in _ops)
        {
            var needs = false;
            for (var i = 0; i < op.In.Length; i++)
            {
                if (op.In[i] is { RequiresGrad: true } && op.IsDifferentiable(i))
                {
                    needs = true;
                }
            }

            op.NeedsBackward = needs;
            foreach (var o in op.Out.Where(o => o is not null))
            {
                o.RequiresGrad = needs;
            }
        }

        if (!Outputs.Any(o => o.RequiresGrad))
        {
            throw new EdgeException(DiagnosticCatalog.Training.BadParameter, "No trainable parameter influences the model's outputs (all are frozen or not differentiable), so there is nothing to train.");
        }
    }

    private void PlanMemory()
    {
        var f = _ops.Count;
        var lossStep = f;
        int Bwd(int opIndex) => (2 * f) - opIndex;
        var producer = new Dictionary<TrainingValue, int>();
        for (var k = 0; k < f; k++)
        {
            foreach (var o in _ops[k].Out.Where(o => o is not null))
            {
                producer[o] = k;
                if (_ops[k].OutputAliasesInput && o == _ops[k].Out[0])
                {
                    o.AliasOf = _ops[k].In[0].AliasOf ?? _ops[k].In[0];
                }
            }
        }

        TrainingValue Root(TrainingValue v) => v.AliasOf ?? v;
        var dataEnd = new Dictionary<TrainingValue, int>();
        var savedBuffers = new List<BufferRequest>();
        void Touch(TrainingValue v, int step)
        {
            var r = Root(v);
            if (r.Kind != ValueKind.Activation)
            {
                return;
            }

            dataEnd[r] = Math.Max(dataEnd.GetValueOrDefault(r, step), step);
        }

        for (var k = 0; k < f; k++)
        {
            var op = _ops[k];
            foreach (var i in op.In.Where(i => i is not null))
            {
                Touch(i, k);
            }

            foreach (var o in op.Out.Where(o => o is not null))
            {
                Touch(o, k);
            }

            if (WithGradients && op.NeedsBackward)
            {
                foreach (var s in op.SavedForBackward)
                {
                    Touch(s, Bwd(k));
                }
            }

            if (WithGradients && op.NeedsBackward && op.SavedBufferSize > 0)
            {
                savedBuffers.Add(new BufferRequest(op.SavedBufferSize, k, Bwd(k), a => op.SavedBuffer = a));
            }
        }

        foreach (var o in Outputs)
        {
            Touch(o, lossStep);
        }

        var requests = new List<BufferRequest>(savedBuffers);
        foreach (var (root, end) in dataEnd)
        {
            var r = root;
            requests.Add(new BufferRequest(r.Length, producer[r], end, a => r.Data = a));
        }

        if (WithGradients)
        {
            var gradStart = new Dictionary<TrainingValue, int>();
            for (var k = 0; k < f; k++)
            {
                if (!_ops[k].NeedsBackward)
                {
                    continue;
                }

                foreach (var i in _ops[k].In.Where(i => i is { RequiresGrad: true, Kind: ValueKind.Activation }))
                {
                    gradStart[i] = Math.Min(gradStart.GetValueOrDefault(i, int.MaxValue), Bwd(k));
                }

                foreach (var o in _ops[k].Out.Where(o => o is { RequiresGrad: true }))
                {
                    gradStart[o] = Math.Min(gradStart.GetValueOrDefault(o, int.MaxValue), Bwd(k));
                }
            }

            var outputs = Outputs.ToHashSet();
            foreach (var (value, start0) in gradStart)
            {
                var v = value;
                var start = outputs.Contains(v) ? lossStep : start0;
                var end = Bwd(producer[v]);
                requests.Add(new BufferRequest(v.Length, start, end, a => v.Grad = a));
                if (!outputs.Contains(v))
                {
                    _clearAtBackwardOf[(2 * f) - start].Add(v);
                }
            }
        }

        PooledFloats = MemoryPlanner.Assign(requests);
        foreach (var v in _values.Values.Where(v => v.AliasOf is not null))
        {
            v.Data = v.AliasOf!.Data;
        }
    }
}
