// An ONNX Runtime inference session through the official managed package (Microsoft.ML.OnnxRuntime):
// created from a file, bytes or a ModelProto, it exposes the declared inputs and outputs and runs them on
// managed tensors, which are pinned and read in place by ORT. Run is safe to call from several threads at
// once (ORT sessions are; no per-run state is kept on the session). Run is the per-call path of evaluation
// and calibration: names and metadata it needs are looked up in tables built once here, no LINQ or closure
// runs per call, and error texts are formatted only on failure (bench: runtime-overhead).
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>A loaded model ready to run on ONNX Runtime.</summary>
internal sealed class InferenceSession : IDisposable
{
    private readonly SessionLease lease;
    private readonly Dictionary<string, int> outputIndex;
    private readonly Dictionary<string, ValueMetadata> inputByName;
    private readonly string[] outputNames;
    private readonly HashSet<string> optionalOutputs;
    private int disposed;

    private InferenceSession(Ort.InferenceSession session, string source, SessionOptions options, ProviderSelection providers, IReadOnlyList<ValueMetadata> inputs, IReadOnlyList<ValueMetadata> outputs, bool optionalOutputsRewritten)
    {
        Source = source;
        Options = options;
        Providers = providers;
        lease = new SessionLease(session);
        Inputs = inputs;
        Outputs = outputs;
        optionalOutputs = optionalOutputsRewritten
            ? outputs.Where(o => o.Kind == OnnxValueKind.Optional).Select(o => o.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        outputIndex = Outputs.Select((o, i) => (o.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        inputByName = Inputs.ToDictionary(i => i.Name, StringComparer.Ordinal);
        outputNames = Outputs.Select(o => o.Name).ToArray();
    }

    /// <summary>Gets the declared inputs, in model order.</summary>
    public IReadOnlyList<ValueMetadata> Inputs { get; }

    /// <summary>Gets the declared outputs, in model order.</summary>
    public IReadOnlyList<ValueMetadata> Outputs { get; }

    /// <summary>Gets a description of where the model came from (a path or <c>&lt;memory&gt;</c>), used in errors.</summary>
    public string Source { get; }

    /// <summary>Gets the options the session was created with.</summary>
    public SessionOptions Options { get; }

    /// <summary>Gets the execution providers the session runs on and the requested ones it runs without.</summary>
    public ProviderSelection Providers { get; }

    /// <summary>Gets the execution providers the session runs on, in priority order (ONNX Runtime names; always ends with the CPU provider).</summary>
    public IReadOnlyList<string> ExecutionProviders => Providers.Used;

    /// <summary>Gets the requested execution providers (<see cref="SessionOptions.ExecutionProviders"/>) the session runs without, and why.</summary>
    public IReadOnlyList<ProviderFallback> ProviderFallbacks => Providers.Fallbacks;

    /// <summary>Creates a session from a model file (ONNX or ORT format).</summary>
    public static InferenceSession FromFile(string path, SessionOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The model file '{path}' does not exist.", new SourceLocation(path));
        }

        var full = Path.GetFullPath(path);
        return Create(o => new Ort.InferenceSession(full, o), () => ModelFile.Load(full), path, options ?? SessionOptions.Default, $"loading the model '{path}'");
    }

    /// <summary>Creates a session from serialized model bytes (ONNX or ORT format).</summary>
    public static InferenceSession FromBytes(byte[] model, SessionOptions? options = null, string source = "<memory>") =>
        Create(o => new Ort.InferenceSession(model, o), () => ModelFile.Parse(model, source), source, options ?? SessionOptions.Default, $"loading the model {source}");

    /// <summary>Creates a session from an in-memory model.</summary>
    public static InferenceSession FromModel(ModelProto model, SessionOptions? options = null) =>
        FromBytes(ModelFile.ToBytes(model), options, $"<model '{model.Graph?.Name}'>");

    /// <summary>Runs the model. Returns the requested outputs (all when <paramref name="outputNames"/> is null) in request order.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames = null) =>
        Run(inputs, outputNames, CancellationToken.None);

    /// <summary>Runs the model; cancelling <paramref name="cancellationToken"/> terminates the run with EDGE3006.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames, CancellationToken cancellationToken)
    {
        var names = outputNames ?? this.outputNames;
        var inputNames = new string[inputs.Count];
        var values = new OrtInput[inputs.Count];
        Ort.OrtValue?[] outputs;
        var created = 0;
        try
        {
            // A Dictionary is enumerated through its struct enumerator (no boxing), any other map through the interface.
            if (inputs is Dictionary<string, Tensor> dictionary)
            {
                foreach (var (name, tensor) in dictionary)
                {
                    inputNames[created] = name;
                    values[created] = OrtValueConverter.ToOrtValue(tensor, name);
                    created++;
                }
            }
            else
            {
                foreach (var (name, tensor) in inputs)
                {
                    inputNames[created] = name;
                    values[created] = OrtValueConverter.ToOrtValue(tensor, name);
                    created++;
                }
            }

            outputs = RunNative(inputNames, values, names, cancellationToken);
        }
        finally
        {
            DisposeAll(values, created);
        }

        try
        {
            var result = new Dictionary<string, Tensor>(names.Count, StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                result[names[i]] = ReadTensor(outputs[i], names[i]);
            }

            return result;
        }
        finally
        {
            DisposeAll(outputs);
        }
    }

    /// <summary>Runs the model on values of any kind and returns every kind of output (tensors, sequences, maps, empty optionals).</summary>
    public IReadOnlyDictionary<string, RuntimeValue> RunValues(IReadOnlyDictionary<string, RuntimeValue> inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default)
    {
        var names = outputNames ?? this.outputNames;
        var inputNames = new string[inputs.Count];
        var values = new OrtInput[inputs.Count];
        Ort.OrtValue?[] outputs;
        var created = 0;
        try
        {
            foreach (var (name, value) in inputs)
            {
                inputNames[created] = name;
                values[created] = RuntimeValueConverter.ToOrtValue(value, name, inputByName.GetValueOrDefault(name));
                created++;
            }

            outputs = RunNative(inputNames, values, names, cancellationToken);
        }
        finally
        {
            DisposeAll(values, created);
        }

        try
        {
            var result = new Dictionary<string, RuntimeValue>(names.Count, StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                result[names[i]] = RuntimeValueConverter.FromOrtValue(outputs[i], names[i]);
            }

            return result;
        }
        finally
        {
            DisposeAll(outputs);
        }
    }

    /// <summary>Prepares fixed inputs for many low-overhead runs (latency measurement).</summary>
    public PreparedRun Prepare(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames = null) => new(this, inputs, outputNames);

    /// <summary>Ends profiling (enabled through <see cref="SessionOptions.ProfilingFilePrefix"/>) and returns the JSON profile's path.</summary>
    public string EndProfiling()
    {
        if (Options.ProfilingFilePrefix is null)
        {
            throw new EdgeException(DiagnosticCatalog.Runtime.InvalidInput, "Profiling was not enabled for this session; set SessionOptions.ProfilingFilePrefix.");
        }

        using var use = Use();
        var path = OrtRuntime.Call(use.Session.EndProfiling, "ending profiling");
        return Path.GetFullPath(path);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            lease.Release();
        }
    }

    /// <summary>Runs <paramref name="inputs"/> (named by <paramref name="inputNames"/>; the caller keeps and disposes them) and returns the owned output values, one per requested name (the caller disposes them; null for an output ORT did not produce).</summary>
    internal Ort.OrtValue?[] RunNative(string[] inputNames, OrtInput[] inputs, IReadOnlyList<string> outputNames, CancellationToken cancellationToken)
    {
        var inputValues = new Ort.OrtValue[inputs.Length];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputValues[i] = inputs[i].Value;
        }

        using var runOptions = RunOptionsScope.Create(cancellationToken);
        using var use = Use();
        try
        {
            var nativeNames = NativeOutputNames(outputNames);
            using var results = use.Session.Run(runOptions.Options, inputNames, inputValues, nativeNames);
            var list = (IList<Ort.OrtValue>)results;
            var owned = new Ort.OrtValue?[list.Count];
            for (var i = 0; i < owned.Length; i++)
            {
                owned[i] = list[i];
            }

            // The values now belong to the caller; empty the collection so disposing it frees nothing.
            list.Clear();
            return CollapseOutputs(outputNames, owned);
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            runOptions.ThrowIfCancelled(ex, Source);
            throw OrtError.From(ex, $"running the model {Source}");
        }
    }

    /// <summary>Gets the names ORT is asked for: an optional output of a rewritten model becomes its flag and its value.</summary>
    internal IReadOnlyList<string> NativeOutputNames(IReadOnlyList<string> outputNames) => optionalOutputs.Count == 0
        ? outputNames
        : outputNames.SelectMany(n => optionalOutputs.Contains(n) ? new[] { OptionalOutputAdapter.HasPrefix + n, OptionalOutputAdapter.ValuePrefix + n } : [n]).ToList();

    /// <summary>Maps values fetched for <see cref="NativeOutputNames"/> back to one value per requested output (null: absent optional); disposes what it drops.</summary>
    internal Ort.OrtValue?[] CollapseOutputs(IReadOnlyList<string> outputNames, Ort.OrtValue?[] native)
    {
        if (optionalOutputs.Count == 0)
        {
            return native;
        }

        var result = new Ort.OrtValue?[outputNames.Count];
        var k = 0;
        for (var i = 0; i < outputNames.Count; i++)
        {
            if (!optionalOutputs.Contains(outputNames[i]))
            {
                result[i] = native[k++];
                continue;
            }

            var flag = native[k++];
            var value = native[k++];
            var present = flag is not null && flag.GetTensorDataAsSpan<bool>()[0];
            flag?.Dispose();
            if (present)
            {
                result[i] = value;
            }
            else
            {
                value?.Dispose();
            }
        }

        return result;
    }

    /// <summary>Borrows the managed session for the duration of the returned scope.</summary>
    internal SessionLease.Scope Use() => lease.Use();

    /// <summary>Gets the index of a declared output, or -1.</summary>
    internal int OutputIndex(string name) => outputIndex.TryGetValue(name, out var i) ? i : -1;

    /// <summary>Reads a tensor output, or throws EDGE3004 saying what it is instead.</summary>
    internal Tensor ReadTensor(Ort.OrtValue? value, string name)
    {
        if (value is { OnnxType: Ort.OnnxValueType.ONNX_TYPE_TENSOR })
        {
            // ORT describing the tensor is what tells a present value from an empty optional (RuntimeValueConverter.HasValue); read once, used for the copy.
            Ort.OrtTensorTypeAndShapeInfo info;
            try
            {
                info = value.GetTensorTypeAndShape();
            }
            catch (Ort.OnnxRuntimeException)
            {
                throw NoValue(name);
            }

            return OrtValueConverter.ToTensor(value, info, name);
        }

        if (value is null || !RuntimeValueConverter.HasValue(value))
        {
            throw NoValue(name);
        }

        var kind = (OnnxValueKind)(int)value.OnnxType;
        throw new EdgeException(DiagnosticCatalog.Runtime.UnsupportedValue, $"Output '{DescribeOutput(name)}' is a {kind}, not a tensor. Use InferenceSession.RunValues to receive sequences and optional values.");
    }

    private static void DisposeAll(OrtInput[] inputs, int count)
    {
        for (var i = 0; i < count; i++)
        {
            inputs[i].Dispose();
        }
    }

    private static void DisposeAll(Ort.OrtValue?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i]?.Dispose();
            values[i] = null;
        }
    }

    private EdgeException NoValue(string name) => new(
        DiagnosticCatalog.Runtime.UnsupportedValue,
        $"Output '{DescribeOutput(name)}' has no value (an optional output that was not produced). Use InferenceSession.RunValues to receive optional outputs.");

    private string DescribeOutput(string name) => OutputIndex(name) is var i and >= 0 ? Outputs[i].ToString() : name;

    private static InferenceSession Create(Func<Ort.SessionOptions, Ort.InferenceSession> create, Func<ModelProto> load, string source, SessionOptions options, string action)
    {
        _ = OrtRuntime.Instance;
        using var native = SessionOptionsBuilder.Build(options, out var providers);
        Ort.InferenceSession session;
        try
        {
            session = create(native);
        }
        catch (Ort.OnnxRuntimeException ex) when (ex.Message.Contains("Unregistered TensorElementType", StringComparison.Ordinal))
        {
            throw UndescribedType(ex, load, source);
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OrtError.From(ex, action);
        }

        try
        {
            var inputs = OrtRuntime.Call(() => SessionMetadataReader.Read(session, isInput: true), $"reading the inputs of {source}");
            var outputs = OrtRuntime.Call(() => SessionMetadataReader.Read(session, isInput: false), $"reading the outputs of {source}");
            if (outputs.Any(o => o.Kind == OnnxValueKind.Optional) && TryLoad(load) is { } model && OptionalOutputAdapter.HasOptionalOutputs(model))
            {
                var rewritten = ModelFile.ToBytes(OptionalOutputAdapter.Rewrite(model));
                session.Dispose();
                session = OrtRuntime.Call(() => new Ort.InferenceSession(rewritten, native), action);
                return new InferenceSession(session, source, options, providers, inputs, outputs, optionalOutputsRewritten: true);
            }

            return new InferenceSession(session, source, options, providers, inputs, outputs, optionalOutputsRewritten: false);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static EdgeException UndescribedType(Ort.OnnxRuntimeException ex, Func<ModelProto> load, string source)
    {
        var model = TryLoad(load);
        var values = model?.Graph is { } graph
            ? graph.Input.Concat(graph.Output).Where(v => v.Type?.TensorType is { ElemType: > (int)TensorElementType.BFloat16 }).Select(v => $"'{v.Name}' ({(TensorElementType)v.Type.TensorType.ElemType})").Distinct().ToList()
            : [];
        var which = values.Count > 0 ? $"graph inputs/outputs {string.Join(", ", values)}" : "a graph input or output";
        return new EdgeException(
            DiagnosticCatalog.Runtime.UnsupportedValue,
            $"The model {source} has {which} of an element type the ONNX Runtime .NET package cannot describe ({OrtError.Parse(ex.Message).Message}). "
            + "Keep float8, 4-bit and 2-bit tensors inside the graph: Cast them to or from a standard type (float, float16, uint8) at the graph boundary.",
            inner: ex);
    }

    private static ModelProto? TryLoad(Func<ModelProto> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is EdgeException or Google.Protobuf.InvalidProtocolBufferException or IOException)
        {
            // An ORT-format model: ORT loaded it, the ONNX reader cannot; its optional outputs stay as they are.
            return null;
        }
    }
}
