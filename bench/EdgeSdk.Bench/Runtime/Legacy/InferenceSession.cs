// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// An ONNX Runtime inference session over the C API: created from a file, bytes or a ModelProto, it
// exposes the declared inputs and outputs and runs them on managed tensors. Run is safe to call from
// several threads at once (ORT sessions are; the binding keeps no per-run state on the session).
using System.Runtime.InteropServices;
using System.Text;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>A loaded model ready to run on ONNX Runtime's CPU execution provider.</summary>
internal sealed unsafe class InferenceSession : IDisposable
{
    private readonly OrtSessionHandle session;
    private readonly Dictionary<string, int> outputIndex;

    private InferenceSession(OrtLibrary library, nint handle, string source, SessionOptions options)
    {
        Library = library;
        Source = source;
        Options = options;
        session = new OrtSessionHandle(library.Api, handle);
        try
        {
            using var use = new SessionUse(session);
            Inputs = SessionMetadataReader.Read(library, use.Handle, isInput: true);
            Outputs = SessionMetadataReader.Read(library, use.Handle, isInput: false);
        }
        catch
        {
            session.Dispose();
            throw;
        }

        outputIndex = Outputs.Select((o, i) => (o.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>Gets the declared inputs, in model order.</summary>
    public IReadOnlyList<ValueMetadata> Inputs { get; }

    /// <summary>Gets the declared outputs, in model order.</summary>
    public IReadOnlyList<ValueMetadata> Outputs { get; }

    /// <summary>Gets a description of where the model came from (a path or <c>&lt;memory&gt;</c>), used in errors.</summary>
    public string Source { get; }

    /// <summary>Gets the options the session was created with.</summary>
    public SessionOptions Options { get; }

    internal OrtLibrary Library { get; }

    /// <summary>Creates a session from a model file (ONNX or ORT format).</summary>
    public static InferenceSession FromFile(string path, SessionOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The model file '{path}' does not exist.", new SourceLocation(path));
        }

        var library = OrtLibrary.Instance;
        options ??= SessionOptions.Default;
        using var native = NativeSessionOptions.Create(library, options);
        nint handle;
        fixed (byte* p = Encoding.UTF8.GetBytes(Path.GetFullPath(path) + "\0"))
        {
            OrtStatus.Check(library.Api, library.Api.CreateSession(library.Env, p, native.Handle, &handle), $"loading the model '{path}'");
        }

        return new InferenceSession(library, handle, path, options);
    }

    /// <summary>Creates a session from serialized model bytes (ONNX or ORT format).</summary>
    public static InferenceSession FromBytes(byte[] model, SessionOptions? options = null, string source = "<memory>")
    {
        var library = OrtLibrary.Instance;
        options ??= SessionOptions.Default;
        using var native = NativeSessionOptions.Create(library, options);
        nint handle;
        fixed (byte* p = model)
        {
            OrtStatus.Check(library.Api, library.Api.CreateSessionFromArray(library.Env, p, (nuint)model.Length, native.Handle, &handle), $"loading the model {source}");
        }

        return new InferenceSession(library, handle, source, options);
    }

    /// <summary>Creates a session from an in-memory model.</summary>
    public static InferenceSession FromModel(ModelProto model, SessionOptions? options = null) =>
        FromBytes(ModelFile.ToBytes(model), options, $"<model '{model.Graph?.Name}'>");

    /// <summary>Runs the model. Returns the requested outputs (all when <paramref name="outputNames"/> is null) in request order.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames = null) =>
        Run(inputs, outputNames, CancellationToken.None);

    /// <summary>Runs the model; cancelling <paramref name="cancellationToken"/> terminates the run with EDGE3006.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames, CancellationToken cancellationToken)
    {
        var names = outputNames ?? Outputs.Select(o => o.Name).ToList();
        var feed = inputs.Select(p => (p.Key, RuntimeValue.FromTensor(p.Value))).ToList();
        var values = RunNative(feed, names, cancellationToken);
        try
        {
            var result = new Dictionary<string, Tensor>(names.Count, StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                result[names[i]] = OrtOutputReader.ReadTensor(Library, values[i], names[i], DescribeOutput(names[i]));
            }

            return result;
        }
        finally
        {
            ReleaseAll(values);
        }
    }

    /// <summary>Runs the model on values of any kind and returns every kind of output (tensors, sequences, maps, empty optionals).</summary>
    public IReadOnlyDictionary<string, RuntimeValue> RunValues(IReadOnlyDictionary<string, RuntimeValue> inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default)
    {
        var names = outputNames ?? Outputs.Select(o => o.Name).ToList();
        var feed = inputs.Select(p => (p.Key, p.Value)).ToList();
        var values = RunNative(feed, names, cancellationToken);
        try
        {
            var result = new Dictionary<string, RuntimeValue>(names.Count, StringComparer.Ordinal);
            for (var i = 0; i < names.Count; i++)
            {
                result[names[i]] = RuntimeValueConverter.FromOrtValue(Library, values[i], names[i]);
            }

            return result;
        }
        finally
        {
            ReleaseAll(values);
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

        var api = Library.Api;
        byte* path;
        using var use = new SessionUse(session);
        OrtStatus.Check(api, api.SessionEndProfiling(use.Handle, Library.DefaultAllocator, &path), "ending profiling");
        try
        {
            return Marshal.PtrToStringUTF8((nint)path) ?? string.Empty;
        }
        finally
        {
            OrtStatus.Check(api, api.AllocatorFree(Library.DefaultAllocator, path), "freeing the profile path");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        session.Dispose();
    }

    /// <summary>Runs and returns the owned native output values, one per requested name (caller releases them).</summary>
    internal nint[] RunNative(IReadOnlyList<(string Name, RuntimeValue Value)> inputList, IReadOnlyList<string> outputNames, CancellationToken cancellationToken)
    {
        var api = Library.Api;
        var inputValues = new nint[inputList.Count];
        var outputs = new nint[outputNames.Count];
        try
        {
            for (var i = 0; i < inputList.Count; i++)
            {
                inputValues[i] = RuntimeValueConverter.ToOrtValue(Library, inputList[i].Value, inputList[i].Name, Inputs.FirstOrDefault(d => d.Name == inputList[i].Name));
            }

            using var inputNames = new NativeStrings(inputList.Select(p => p.Name).ToList());
            using var requested = new NativeStrings(outputNames);
            using var runOptions = RunOptionsScope.Create(Library, cancellationToken);
            using var use = new SessionUse(session);
            fixed (nint* inValues = inputValues)
            fixed (nint* outValues = outputs)
            {
                var status = api.Run(use.Handle, runOptions.Handle, inputNames.Pointers, inValues, (nuint)inputValues.Length, requested.Pointers, (nuint)outputs.Length, outValues);
                runOptions.ThrowIfCancelled(api, status, Source);
                OrtStatus.Check(api, status, $"running the model {Source}");
            }

            return outputs;
        }
        catch
        {
            ReleaseAll(outputs);
            throw;
        }
        finally
        {
            ReleaseAll(inputValues);
        }
    }

    /// <summary>Borrows the native session pointer for the duration of the returned scope.</summary>
    internal SessionUse Use() => new(session);

    /// <summary>Gets the index of a declared output, or -1.</summary>
    internal int OutputIndex(string name) => outputIndex.TryGetValue(name, out var i) ? i : -1;

    internal void ReleaseAll(nint[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                Library.Api.ReleaseValue(values[i]);
                values[i] = 0;
            }
        }
    }

    private string DescribeOutput(string name) => OutputIndex(name) is var i and >= 0 ? Outputs[i].ToString() : name;
}
