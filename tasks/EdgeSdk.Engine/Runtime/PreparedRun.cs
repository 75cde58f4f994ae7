// The latency primitive: the same inputs run many times with nothing allocated per run. Inputs are pinned
// managed arrays bound once through ORT's I/O binding; after the first run each tensor output ORT
// allocated is bound back as a pre-allocated output, so later runs write into the same buffers. Outputs
// declared as sequences or optionals stay bound to the CPU device (ORT replaces them on each run).
// RunOnceTicks times only ORT's RunWithBinding call.
using System.Diagnostics;
using EdgeSdk.Tensors;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>A run with fixed inputs that can be repeated cheaply and timed.</summary>
internal sealed class PreparedRun : IDisposable
{
    private readonly InferenceSession session;
    private readonly string[] outputNameList;
    private readonly string[] nativeOutputNames;
    private readonly bool[] reuseOutput;
    private readonly List<OrtInput> inputs = [];
    private readonly Ort.OrtValue?[] boundOutputs;
    private readonly Ort.RunOptions runOptions;
    private readonly SessionLease.Scope use;
    private readonly Ort.OrtIoBinding binding;
    private bool disposed;

    /// <summary>Prepares <paramref name="feed"/> for repeated runs of <paramref name="session"/> (all outputs when <paramref name="outputs"/> is null).</summary>
    public PreparedRun(InferenceSession session, IReadOnlyDictionary<string, Tensor> feed, IReadOnlyList<string>? outputs = null)
    {
        this.session = session;
        outputNameList = (outputs ?? session.Outputs.Select(o => o.Name).ToList()).ToArray();
        nativeOutputNames = session.NativeOutputNames(outputNameList).ToArray();
        reuseOutput = nativeOutputNames.Select(n => session.Outputs.Any(o => o.Name == n && o.Kind == OnnxValueKind.Tensor)).ToArray();
        boundOutputs = new Ort.OrtValue?[nativeOutputNames.Length];
        InputCount = feed.Count;
        use = session.Use();
        runOptions = new Ort.RunOptions { LogSeverityLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        binding = OrtRuntime.Call(use.Session.CreateIoBinding, "creating an I/O binding");
        try
        {
            foreach (var (name, tensor) in feed.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var input = OrtValueConverter.ToOrtValue(tensor, name);
                inputs.Add(input);
                OrtRuntime.Call(() => binding.BindInput(name, input.Value), $"binding input '{name}'");
            }

            BindOutputsToDevice();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the number of inputs bound.</summary>
    public int InputCount { get; }

    /// <summary>Gets how many runs completed.</summary>
    public long RunCount { get; private set; }

    /// <summary>Gets whether every input is read by ORT in place (pinned managed memory, no copy).</summary>
    public bool InputsPinned => inputs.All(i => i.IsPinned);

    /// <summary>Runs once and returns the wall time of ORT's run call. Allocates nothing after the first run.</summary>
    public TimeSpan RunOnce() => Stopwatch.GetElapsedTime(0, RunOnceTicks());

    /// <summary>Runs once and returns the elapsed <see cref="Stopwatch"/> ticks of ORT's run call.</summary>
    public long RunOnceTicks()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (RunCount > 0)
        {
            RebindReplacedOutputs();
        }

        long start, end;
        try
        {
            start = Stopwatch.GetTimestamp();
            use.Session.RunWithBinding(runOptions, binding);
            end = Stopwatch.GetTimestamp();
        }
        catch (Ort.OnnxRuntimeException ex)
        {
            throw OrtError.From(ex, $"running the model {session.Source}");
        }

        if (RunCount == 0)
        {
            KeepTensorOutputs();
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
        var list = LastOutputs();
        try
        {
            var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            for (var i = 0; i < outputNameList.Length; i++)
            {
                result[outputNameList[i]] = session.ReadTensor(list[i], outputNameList[i]);
            }

            return result;
        }
        finally
        {
            DisposeAll(list);
        }
    }

    /// <summary>Copies the outputs of the last run, of any kind (sequences, optionals), into managed values.</summary>
    public IReadOnlyDictionary<string, RuntimeValue> ReadOutputValues()
    {
        var list = LastOutputs();
        try
        {
            var result = new Dictionary<string, RuntimeValue>(StringComparer.Ordinal);
            for (var i = 0; i < outputNameList.Length; i++)
            {
                result[outputNameList[i]] = RuntimeValueConverter.FromOrtValue(list[i], outputNameList[i]);
            }

            return result;
        }
        finally
        {
            DisposeAll(list);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        binding.Dispose();
        runOptions.Dispose();
        foreach (var value in boundOutputs)
        {
            value?.Dispose();
        }

        foreach (var input in inputs)
        {
            input.Dispose();
        }

        use.Dispose();
    }

    private static void DisposeAll(Ort.OrtValue?[] values)
    {
        foreach (var value in values)
        {
            value?.Dispose();
        }
    }

    private Ort.OrtValue?[] LastOutputs()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (RunCount == 0)
        {
            throw new InvalidOperationException("Call RunOnce before reading outputs.");
        }

        var values = OrtRuntime.Call(binding.GetOutputValues, "reading the bound outputs");
        var list = (IList<Ort.OrtValue>)values;
        var owned = list.Select(v => (Ort.OrtValue?)v).ToArray();
        list.Clear();
        return session.CollapseOutputs(outputNameList, owned);
    }

    private void BindOutputsToDevice()
    {
        foreach (var name in nativeOutputNames)
        {
            OrtRuntime.Call(() => binding.BindOutputToDevice(name, Ort.OrtMemoryInfo.DefaultInstance), $"binding output '{name}'");
        }
    }

    private void RebindReplacedOutputs()
    {
        // ORT appends to a bound sequence; a fresh device binding makes it produce a new one.
        for (var i = 0; i < nativeOutputNames.Length; i++)
        {
            if (boundOutputs[i] is null)
            {
                var name = nativeOutputNames[i];
                OrtRuntime.Call(() => binding.BindOutputToDevice(name, Ort.OrtMemoryInfo.DefaultInstance), $"binding output '{name}'");
            }
        }
    }

    private void KeepTensorOutputs()
    {
        var produced = OrtRuntime.Call(binding.GetOutputValues, "reading the bound outputs");
        var list = produced.ToList();
        OrtRuntime.Call(binding.ClearBoundOutputs, "rebinding the outputs");
        for (var i = 0; i < nativeOutputNames.Length; i++)
        {
            var name = nativeOutputNames[i];
            if (reuseOutput[i] && RuntimeValueConverter.HasValue(list[i]))
            {
                boundOutputs[i] = list[i];
                OrtRuntime.Call(() => binding.BindOutput(name, list[i]), $"binding output '{name}'");
            }
            else
            {
                list[i].Dispose();
                OrtRuntime.Call(() => binding.BindOutputToDevice(name, Ort.OrtMemoryInfo.DefaultInstance), $"binding output '{name}'");
            }
        }
    }
}
