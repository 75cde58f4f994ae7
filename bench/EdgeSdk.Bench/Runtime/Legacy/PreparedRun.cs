// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// The latency primitive: the same inputs run many times with nothing allocated per run. Input OrtValues
// are created once; name and value arrays live in native memory; after the first run ORT's tensor outputs
// are passed back as preallocated outputs so later runs write into the same buffers. Outputs declared as
// sequences or optionals are released before each run instead (ORT appends to a sequence it is given).
// RunOnce times only the native Run call.
using System.Diagnostics;
using System.Runtime.InteropServices;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>A run with fixed inputs that can be repeated cheaply and timed.</summary>
internal sealed unsafe class PreparedRun : IDisposable
{
    private readonly InferenceSession session;
    private readonly OrtApi api;
    private readonly NativeStrings inputNames;
    private readonly NativeStrings outputNames;
    private readonly string[] outputNameList;
    private readonly bool[] reuseOutput;
    private nint* inputValues;
    private nint* outputValues;
    private bool disposed;

    /// <summary>Prepares <paramref name="inputs"/> for repeated runs of <paramref name="session"/> (all outputs when <paramref name="outputs"/> is null).</summary>
    public PreparedRun(InferenceSession session, IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputs = null)
    {
        this.session = session;
        api = session.Library.Api;
        outputNameList = (outputs ?? session.Outputs.Select(o => o.Name).ToList()).ToArray();
        var inputList = inputs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        inputNames = new NativeStrings(inputList.Select(p => p.Key).ToList());
        outputNames = new NativeStrings(outputNameList);
        reuseOutput = outputNameList.Select(n => session.Outputs.Any(o => o.Name == n && o.Kind == OnnxValueKind.Tensor)).ToArray();
        inputValues = (nint*)NativeMemory.AllocZeroed((nuint)(Math.Max(1, inputList.Count) * sizeof(nint)));
        outputValues = (nint*)NativeMemory.AllocZeroed((nuint)(Math.Max(1, outputNameList.Length) * sizeof(nint)));
        InputCount = inputList.Count;
        try
        {
            for (var i = 0; i < inputList.Count; i++)
            {
                inputValues[i] = OrtValueConverter.ToOrtValue(session.Library, inputList[i].Value, inputList[i].Key);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    ~PreparedRun() => Release();

    /// <summary>Gets the number of inputs bound.</summary>
    public int InputCount { get; }

    /// <summary>Gets how many runs completed.</summary>
    public long RunCount { get; private set; }

    /// <summary>Runs once and returns the wall time of the native Run call. Allocates nothing after the first run.</summary>
    public TimeSpan RunOnce() => Stopwatch.GetElapsedTime(0, RunOnceTicks());

    /// <summary>Runs once and returns the elapsed <see cref="Stopwatch"/> ticks of the native Run call.</summary>
    public long RunOnceTicks()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        for (var i = 0; i < reuseOutput.Length; i++)
        {
            if (!reuseOutput[i] && outputValues[i] != 0)
            {
                api.ReleaseValue(outputValues[i]);
                outputValues[i] = 0;
            }
        }

        using var use = session.Use();
        var start = Stopwatch.GetTimestamp();
        var status = api.Run(use.Handle, 0, inputNames.Pointers, inputValues, (nuint)InputCount, outputNames.Pointers, (nuint)outputNameList.Length, outputValues);
        var end = Stopwatch.GetTimestamp();
        if (status != 0)
        {
            OrtStatus.Check(api, status, $"running the model {session.Source}");
        }

        RunCount++;
        return end - start;
    }

    /// <summary>Runs <paramref name="warmup"/> untimed runs, then <paramref name="iterations"/> timed ones; returns each run's ticks.</summary>
    public long[] Measure(int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
        {
            RunOnceTicks();
        }

        var ticks = new long[iterations];
        for (var i = 0; i < iterations; i++)
        {
            ticks[i] = RunOnceTicks();
        }

        return ticks;
    }

    /// <summary>Copies the outputs of the last run into managed tensors.</summary>
    public IReadOnlyDictionary<string, Tensor> ReadOutputs()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (RunCount == 0)
        {
            throw new InvalidOperationException("Call RunOnce before reading outputs.");
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < outputNameList.Length; i++)
        {
            result[outputNameList[i]] = OrtOutputReader.ReadTensor(session.Library, outputValues[i], outputNameList[i], outputNameList[i]);
        }

        return result;
    }

    /// <summary>Copies the outputs of the last run, of any kind (sequences, optionals), into managed values.</summary>
    public IReadOnlyDictionary<string, RuntimeValue> ReadOutputValues()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (RunCount == 0)
        {
            throw new InvalidOperationException("Call RunOnce before reading outputs.");
        }

        var result = new Dictionary<string, RuntimeValue>(StringComparer.Ordinal);
        for (var i = 0; i < outputNameList.Length; i++)
        {
            result[outputNameList[i]] = RuntimeValueConverter.FromOrtValue(session.Library, outputValues[i], outputNameList[i]);
        }

        return result;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Release();
        GC.SuppressFinalize(this);
    }

    private void Release()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        for (var i = 0; i < InputCount; i++)
        {
            if (inputValues[i] != 0)
            {
                api.ReleaseValue(inputValues[i]);
            }
        }

        for (var i = 0; i < outputNameList.Length; i++)
        {
            if (outputValues[i] != 0)
            {
                api.ReleaseValue(outputValues[i]);
            }
        }

        NativeMemory.Free(inputValues);
        NativeMemory.Free(outputValues);
        inputValues = null;
        outputValues = null;
        inputNames.Dispose();
        outputNames.Dispose();
    }
}
