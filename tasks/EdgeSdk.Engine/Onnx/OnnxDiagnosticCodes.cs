// Diagnostic codes of the ONNX area (EDGE4xxx): model checking, external data and model I/O. The
// cross-cutting EDGE4001 (malformed model) and EDGE4002 (unsupported operator) live in DiagnosticCodes.
namespace EdgeSdk.Onnx;

/// <summary>Stable EDGE4xxx codes reported by model checking and model I/O.</summary>
internal static class OnnxDiagnosticCodes
{
    /// <summary>The model has no ir_version.</summary>
    public const string MissingIrVersion = "EDGE4010";

    /// <summary>The model imports no opset at all, imports a domain twice, or imports one with a version below 1.</summary>
    public const string MissingOpset = "EDGE4011";

    /// <summary>A node reads a value that no node, graph input or initializer provides.</summary>
    public const string DanglingInput = "EDGE4012";

    /// <summary>The graph has a cycle.</summary>
    public const string GraphCycle = "EDGE4013";

    /// <summary>A value name is defined twice (two producers, initializer and producer, two initializers, two inputs).</summary>
    public const string DuplicateValueName = "EDGE4014";

    /// <summary>A node's domain is not imported by the model.</summary>
    public const string DomainNotImported = "EDGE4015";

    /// <summary>A node's operator was introduced in a later opset than the one the model imports.</summary>
    public const string OperatorNewerThanOpset = "EDGE4016";

    /// <summary>The model's IR version or opset is newer than ONNX Runtime 1.30 supports.</summary>
    public const string VersionTooNew = "EDGE4017";

    /// <summary>A graph output is not produced by any node, input or initializer.</summary>
    public const string OutputNotProduced = "EDGE4018";

    /// <summary>Nodes are not listed in topological order (ONNX requires it; ONNX Runtime sorts itself).</summary>
    public const string NotTopologicallySorted = "EDGE4019";

    /// <summary>A node has no op_type, or a value has an empty name where one is required.</summary>
    public const string MissingName = "EDGE4020";

    /// <summary>A node attribute has no name, no type, or a name used twice on the same node.</summary>
    public const string AttributeInvalid = "EDGE4021";

    /// <summary>A node uses an operator that neither the ONNX standard nor ONNX Runtime's contrib domains define (a typo, a custom op without its library).</summary>
    public const string UnknownOperator = "EDGE4022";

    /// <summary>An initializer's stored data does not match its declared type and shape (too many or too few values or bytes).</summary>
    public const string InitializerDataMismatch = "EDGE4023";

    /// <summary>A weight (initializer) holds NaN or infinity, which poisons every output it reaches.</summary>
    public const string NonFiniteWeights = "EDGE4024";

    /// <summary>A tensor declares a shape with a negative dimension or one whose size overflows (refused before allocating).</summary>
    public const string DeclaredSizeTooLarge = "EDGE4025";

    /// <summary>The model's IR version or ai.onnx opset is older than ONNX Runtime loads (IR 3, opset 7).</summary>
    public const string VersionTooOld = "EDGE4026";

    /// <summary>An external data location is absolute or leaves the model's folder.</summary>
    public const string ExternalDataEscapes = "EDGE4030";

    /// <summary>An external data file is missing, or the offset/length lies outside it, or its fields are malformed.</summary>
    public const string ExternalDataInvalid = "EDGE4031";

    /// <summary>A model could not be saved (too large even with external data, or bad save options).</summary>
    public const string SaveFailed = "EDGE4032";
}
