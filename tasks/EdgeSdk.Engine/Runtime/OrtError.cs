// The error ORT reported, as data: its error code and message. Wrapped in EdgeException (EDGE3003) so
// adapters report it like any other diagnostic, while callers (conformance tests) can still read the code.
// The managed package puts the native code into the message ("[ErrorCode:Name] text"); it is parsed back
// here by name (the managed enum is internal; its names differ from ORT's for codes 11 and 12, and
// codes it lacks are printed as numbers, which Enum.TryParse reads too).
using System.Text.RegularExpressions;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Runtime;

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
internal static partial class OrtError
{
    /// <summary>Creates the EDGE3003 exception for an exception of the managed package.</summary>
    public static EdgeException From(Microsoft.ML.OnnxRuntime.OnnxRuntimeException ex, string action)
    {
        var (code, message) = Parse(ex.Message);
        var result = Create(code, message, action);
        result.Data["OrtException"] = ex.GetType().Name;
        return result;
    }

    /// <summary>Splits the managed package's message into ORT's error code and ORT's own message.</summary>
    public static (OrtErrorCode Code, string Message) Parse(string managedMessage)
    {
        var match = CodePrefix().Match(managedMessage);
        if (!match.Success)
        {
            return (OrtErrorCode.Fail, managedMessage);
        }

        var name = match.Groups[1].Value;
        var code = name switch
        {
            // The managed enum names ORT's codes 11 and 12 after long-removed values.
            "ShapeInferenceNotRegistered" => OrtErrorCode.EpFail,
            "RequirementNotRegistered" => OrtErrorCode.ModelLoadCanceled,
            _ => Enum.TryParse<OrtErrorCode>(name, out var parsed) ? parsed : OrtErrorCode.Fail,
        };
        return (code, match.Groups[2].Value);
    }

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

    [GeneratedRegex(@"^\[ErrorCode:([A-Za-z0-9]+)\]\s*(.*)$", RegexOptions.Singleline)]
    private static partial Regex CodePrefix();
}
