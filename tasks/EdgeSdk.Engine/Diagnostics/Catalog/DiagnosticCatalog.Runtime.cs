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
            "The ONNX Runtime native library could not be loaded.");

        /// <summary>EDGE3002 ONNX Runtime checksum mismatch.</summary>
        public static readonly DiagnosticDescriptor OnnxRuntimeChecksumMismatch = new("EDGE3002", DiagnosticSeverity.Error, "ONNX Runtime checksum mismatch",
            "The downloaded onnxruntime-node tarball or the library in it does not match the pinned sha256 in `eng/fetch-onnxruntime.sh`. Delete the cached tarball and retry; never bypass the check.") { RaisedBy = "eng/fetch-onnxruntime.sh" };

        /// <summary>EDGE3003 Runtime error.</summary>
        public static readonly DiagnosticDescriptor RuntimeError = new("EDGE3003", DiagnosticSeverity.Error, "Runtime error",
            "ONNX Runtime reported an error.");

        /// <summary>EDGE3004 Unsupported value.</summary>
        public static readonly DiagnosticDescriptor UnsupportedValue = new("EDGE3004", DiagnosticSeverity.Error, "Unsupported value",
            "A value (input or output) has a type the binding does not marshal: a map, an opaque value, or an exotic element type.");

        /// <summary>EDGE3005 Invalid input.</summary>
        public static readonly DiagnosticDescriptor InvalidInput = new("EDGE3005", DiagnosticSeverity.Error, "Invalid input",
            "An input tensor does not fit the model's declared input (checked before ORT when it helps the message).");

        /// <summary>EDGE3006 Run cancelled.</summary>
        public static readonly DiagnosticDescriptor RunCancelled = new("EDGE3006", DiagnosticSeverity.Error, "Run cancelled",
            "A run was cancelled through its CancellationToken.");
    }
}
