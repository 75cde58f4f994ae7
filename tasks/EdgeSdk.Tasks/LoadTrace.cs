// A test and troubleshooting hook: with EDGE_TRACE_LOADS=1 every EdgeSdk task ends by logging which of the SDK's
// own assemblies (those beside the task assembly: the engine, YamlDotNet, Microsoft.ML.*, Microsoft.ML.OnnxRuntime)
// and which native ONNX Runtime libraries the build process has loaded so far. It is how the SDK tests prove that a
// no-op build loads neither ONNX Runtime nor ML.NET nor the recipe parser, without relying on timings.
using System.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Logs what the process has loaded, when <see cref="Variable"/> is 1.</summary>
internal static class LoadTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string Variable = "EDGE_TRACE_LOADS";

    /// <summary>Logs the trace line for <paramref name="task"/> (nothing unless the variable is 1).</summary>
    public static void Log(TaskLoggingHelper log, string task)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        var directory = Path.GetDirectoryName(typeof(LoadTrace).Assembly.Location) ?? string.Empty;
        var managed = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location) && a.Location.StartsWith(directory, StringComparison.Ordinal))
            .Select(a => a.GetName().Name ?? "?")
            .Distinct()
            .Order(StringComparer.Ordinal);
        var native = new List<string>();
        try
        {
            using var process = Process.GetCurrentProcess();
            native.AddRange(process.Modules.Cast<ProcessModule>()
                .Select(m => m.FileName ?? m.ModuleName)
                .Where(f => f.Contains("onnxruntime", StringComparison.OrdinalIgnoreCase) || f.StartsWith(directory, StringComparison.Ordinal))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Distinct()
                .Order(StringComparer.Ordinal));
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            native.Add("(unknown: " + ex.Message + ")");
        }

        log.LogMessage(MessageImportance.High, $"EdgeSdk load trace after {task}: managed [{string.Join(", ", managed)}]; native [{string.Join(", ", native)}]");
    }
}
