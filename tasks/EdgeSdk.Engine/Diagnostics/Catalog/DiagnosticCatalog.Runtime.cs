// The ONNX Runtime section of the diagnostics catalogue (Runtime). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the ONNX Runtime area.</summary>
    [Description("ONNX Runtime")]
    internal static class Runtime
    {
        /// <summary>EDGE3001 Native library not found.</summary>
        public static readonly DiagnosticDescriptor NativeLibraryNotFound = new("EDGE3001", DiagnosticSeverity.Error, "Native library not found",
            "The ONNX Runtime native library for the build host could not be loaded. The message lists every path probed; the SDK package carries it for linux-x64, linux-arm64, osx-arm64, win-x64 and win-arm64 under `tasks/net10.0/runtimes/<rid>/native/`. Set `EDGE_ONNXRUNTIME_PATH` to a library file or folder to use another build (it is then the only candidate).");

        /// <summary>EDGE3002 ONNX Runtime checksum mismatch (retired: ONNX Runtime comes from NuGet).</summary>
        public static readonly DiagnosticDescriptor OnnxRuntimeChecksumMismatch = new("EDGE3002", DiagnosticSeverity.Error, "ONNX Runtime checksum mismatch",
            "Retired, never reused: the npm-fetched ONNX Runtime did not match its pinned sha256. ONNX Runtime now comes from NuGet, which verifies package signatures and hashes itself.");

        /// <summary>EDGE3003 Runtime error.</summary>
        public static readonly DiagnosticDescriptor RuntimeError = new("EDGE3003", DiagnosticSeverity.Error, "Runtime error",
            "ONNX Runtime reported an error.");

        /// <summary>EDGE3004 Unsupported value.</summary>
        public static readonly DiagnosticDescriptor UnsupportedValue = new("EDGE3004", DiagnosticSeverity.Error, "Unsupported value",
            "A value (input or output) has a kind or element type the runtime layer does not marshal (an opaque value, an empty optional input), or a graph input/output of a type the ONNX Runtime .NET package cannot describe (float8, 4-bit, 2-bit): Cast such tensors to a standard type at the graph boundary.");

        /// <summary>EDGE3005 Invalid input.</summary>
        public static readonly DiagnosticDescriptor InvalidInput = new("EDGE3005", DiagnosticSeverity.Error, "Invalid input",
            "An input tensor does not fit the model's declared input (checked before ORT when it helps the message).");

        /// <summary>EDGE3006 Run cancelled.</summary>
        public static readonly DiagnosticDescriptor RunCancelled = new("EDGE3006", DiagnosticSeverity.Error, "Run cancelled",
            "A run was cancelled through its CancellationToken.");

        /// <summary>EDGE3007 Execution provider unavailable.</summary>
        public static readonly DiagnosticDescriptor ExecutionProviderUnavailable = new("EDGE3007", DiagnosticSeverity.Warning, "Execution provider unavailable",
            "The target profile asks for an execution provider that the ONNX Runtime on the build host does not offer (`OrtEnv.GetAvailableProviders()`; `edgesdk providers` lists them), or that could not be appended to the session. The stages were evaluated on the next provider of the profile's list that is available, at the latest on CPUExecutionProvider; manifest.json (`stages[].executionProviders`) and the reports say which provider ran each stage. Measure on a host with the provider, or list the providers this host has in the target's `execution_providers`.");
    }
}
