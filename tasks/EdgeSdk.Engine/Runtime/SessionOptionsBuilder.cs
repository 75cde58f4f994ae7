// Translates the engine's SessionOptions into the managed package's SessionOptions (disposed right after
// the session is created: ORT copies what it needs), including the execution providers the loaded ONNX
// Runtime offers, appended in the profile's order through the managed package's calls.
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Builds <see cref="Ort.SessionOptions"/> from <see cref="SessionOptions"/>.</summary>
internal static class SessionOptionsBuilder
{
    /// <summary>Gets the providers (ONNX Runtime names) the managed package can append to a session.</summary>
    public static IReadOnlyCollection<string> AppendableProviders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "XnnpackExecutionProvider", "CUDAExecutionProvider", "TensorrtExecutionProvider", "CoreMLExecutionProvider", "OpenVINOExecutionProvider",
        "DnnlExecutionProvider", "DmlExecutionProvider", "QNNExecutionProvider", "NnapiExecutionProvider", "WebGpuExecutionProvider",
    };

    /// <summary>Creates native options from <paramref name="o"/>; the caller disposes them.</summary>
    public static Ort.SessionOptions Build(SessionOptions o) => Build(o, out _);

    /// <summary>Creates native options from <paramref name="o"/> and says which providers they carry; the caller disposes them.</summary>
    public static Ort.SessionOptions Build(SessionOptions o, out ProviderSelection providers)
    {
        var native = new Ort.SessionOptions();
        try
        {
            OrtRuntime.Call(() => Apply(native, o), "configuring the session");
            providers = AppendProviders(native, o);
            return native;
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    // Appends what the selection chose; a provider ORT refuses to append (e.g. no device) falls back like a missing one.
    private static ProviderSelection AppendProviders(Ort.SessionOptions native, SessionOptions o)
    {
        var chosen = ExecutionProviderSelection.ForHost(o.ExecutionProviders);
        var appended = new List<string>();
        var fallbacks = new List<ProviderFallback>(chosen.Fallbacks);
        foreach (var provider in chosen.Appended)
        {
            try
            {
                Append(native, provider, o.IntraOpThreads);
                appended.Add(provider);
            }
            catch (Exception ex) when (ex is Ort.OnnxRuntimeException or EntryPointNotFoundException or NotSupportedException)
            {
                fallbacks.Add(new ProviderFallback(provider, $"ONNX Runtime could not append it: {OrtError.Parse(ex.Message).Message}"));
            }
        }

        return new ProviderSelection(appended, fallbacks);
    }

    private static void Append(Ort.SessionOptions native, string provider, int threads)
    {
        switch (provider)
        {
            case "XnnpackExecutionProvider":
                native.AppendExecutionProvider("XNNPACK", new Dictionary<string, string> { ["intra_op_num_threads"] = Math.Max(1, threads).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                break;
            case "CUDAExecutionProvider":
                native.AppendExecutionProvider_CUDA(0);
                break;
            case "TensorrtExecutionProvider":
                native.AppendExecutionProvider_Tensorrt(0);
                break;
            case "CoreMLExecutionProvider":
                native.AppendExecutionProvider("CoreML");
                break;
            case "OpenVINOExecutionProvider":
                native.AppendExecutionProvider_OpenVINO(string.Empty);
                break;
            case "DnnlExecutionProvider":
                native.AppendExecutionProvider_Dnnl(1);
                break;
            case "DmlExecutionProvider":
                native.AppendExecutionProvider_DML(0);
                break;
            case "QNNExecutionProvider":
                native.AppendExecutionProvider("QNN");
                break;
            case "NnapiExecutionProvider":
                native.AppendExecutionProvider_Nnapi();
                break;
            default:
                native.AppendExecutionProvider("WebGPU");
                break;
        }
    }

    private static void Apply(Ort.SessionOptions native, SessionOptions o)
    {
        native.IntraOpNumThreads = o.IntraOpThreads;
        native.InterOpNumThreads = o.InterOpThreads;
        native.GraphOptimizationLevel = (Ort.GraphOptimizationLevel)(int)o.GraphOptimizationLevel;
        native.ExecutionMode = (Ort.ExecutionMode)(int)o.ExecutionMode;
        native.LogSeverityLevel = Ort.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
        if (o.OptimizedModelFilePath is not null)
        {
            native.OptimizedModelFilePath = Path.GetFullPath(o.OptimizedModelFilePath);
        }

        if (o.ProfilingFilePrefix is not null)
        {
            native.ProfileOutputPathPrefix = o.ProfilingFilePrefix;
            native.EnableProfiling = true;
        }

        var entries = new SortedDictionary<string, string>(o.ConfigEntries.ToDictionary(), StringComparer.Ordinal);
        if (o.SaveOrtFormat)
        {
            entries[SessionOptions.SaveModelFormatKey] = "ORT";
        }

        foreach (var (key, value) in entries)
        {
            native.AddSessionConfigEntry(key, value);
        }

        foreach (var (name, value) in o.FreeDimensionOverrides.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            native.AddFreeDimensionOverrideByName(name, value);
        }
    }
}
