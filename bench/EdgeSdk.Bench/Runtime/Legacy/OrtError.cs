// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// The error ORT reported, as data: its error code and message. Wrapped in EdgeException (EDGE3003) so
// adapters report it like any other diagnostic, while callers (conformance tests) can still read the code.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>ORT's error codes (<c>OrtErrorCode</c>).</summary>
internal enum OrtErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,
    /// <summary>Generic failure.</summary>
    Fail = 1,
    /// <summary>An argument is invalid (wrong input name, shape or type).</summary>
    InvalidArgument = 2,
    /// <summary>A file does not exist.</summary>
    NoSuchFile = 3,
    /// <summary>No model.</summary>
    NoModel = 4,
    /// <summary>Engine error.</summary>
    EngineError = 5,
    /// <summary>A kernel failed at run time (also a terminated run).</summary>
    RuntimeException = 6,
    /// <summary>The model is not valid protobuf.</summary>
    InvalidProtobuf = 7,
    /// <summary>The model is already loaded.</summary>
    ModelLoaded = 8,
    /// <summary>An operator or type has no implementation.</summary>
    NotImplemented = 9,
    /// <summary>The graph is invalid.</summary>
    InvalidGraph = 10,
    /// <summary>An execution provider failed.</summary>
    EpFail = 11,
    /// <summary>Model load was cancelled.</summary>
    ModelLoadCanceled = 12,
    /// <summary>The model requires compilation.</summary>
    ModelRequiresCompilation = 13,
    /// <summary>Not found.</summary>
    NotFound = 14,
    /// <summary>Device reset.</summary>
    DeviceReset = 15,
}

/// <summary>An ORT failure: <c>EDGE3003</c> with ORT's message and error code.</summary>
internal static class OrtError
{
    /// <summary>Creates the EDGE3003 exception; <see cref="Exception.Data"/> carries <c>OrtErrorCode</c>.</summary>
    public static EdgeException Create(OrtErrorCode code, string ortMessage, string action)
    {
        var ex = new EdgeException(
            DiagnosticCatalog.Runtime.RuntimeError,
            $"ONNX Runtime failed while {action}: [{code}] {ortMessage}");
        ex.Data["OrtErrorCode"] = code;
        ex.Data["OrtMessage"] = ortMessage;
        return ex;
    }

    /// <summary>Reads the ORT error code of an EDGE3003 exception, or null when it is not one.</summary>
    public static OrtErrorCode? CodeOf(Exception ex) => ex.Data["OrtErrorCode"] as OrtErrorCode?;
}
