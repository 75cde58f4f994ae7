// Translates the engine's SessionOptions into the managed package's SessionOptions (disposed right after
// the session is created: ORT copies what it needs).
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Builds <see cref="Ort.SessionOptions"/> from <see cref="SessionOptions"/>.</summary>
internal static class SessionOptionsBuilder
{
    /// <summary>Creates native options from <paramref name="o"/>; the caller disposes them.</summary>
    public static Ort.SessionOptions Build(SessionOptions o)
    {
        var native = new Ort.SessionOptions();
        try
        {
            OrtRuntime.Call(() => Apply(native, o), "configuring the session");
            return native;
        }
        catch
        {
            native.Dispose();
            throw;
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
