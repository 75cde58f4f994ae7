// Stable diagnostic codes shared across the engine. Ranges: EDGE0xxx SDK and pipeline, EDGE1xxx recipes,
// EDGE2xxx passes, EDGE3xxx ONNX Runtime, EDGE4xxx ONNX models, EDGE5xxx budgets, EDGE6xxx data sets.
// Each area may keep its own codes next to its code; this file holds the cross-cutting ones.
// Every code is documented in docs/diagnostics.md.
namespace EdgeSdk.Diagnostics;

/// <summary>Diagnostic codes used by more than one area of the engine.</summary>
internal static class DiagnosticCodes
{
    /// <summary>A file the build needs does not exist.</summary>
    public const string FileNotFound = "EDGE0002";

    /// <summary>An artifact could not be written.</summary>
    public const string ArtifactWriteFailed = "EDGE0003";

    /// <summary>The build was cancelled.</summary>
    public const string Cancelled = "EDGE0004";

    /// <summary>EdgeSdk hit an unexpected internal error (a bug): the message says what failed; please report it with the model and recipe.</summary>
    public const string InternalError = "EDGE0099";

    /// <summary>A file EdgeSdk must read is not a regular file (a device, FIFO or socket) or reports no size; only regular files are read, each bounded by its size.</summary>
    public const string NotARegularFile = "EDGE0020";

    /// <summary>A file is larger than EdgeSdk accepts for its kind (a recipe or target profile above 1 MiB; a model or data file larger than this machine's memory can hold).</summary>
    public const string FileTooLarge = "EDGE0021";

    /// <summary>The ONNX Runtime native library could not be loaded.</summary>
    public const string NativeLibraryNotFound = "EDGE3001";

    /// <summary>ONNX Runtime reported an error.</summary>
    public const string RuntimeError = "EDGE3003";

    /// <summary>An ONNX model file is malformed.</summary>
    public const string MalformedModel = "EDGE4001";

    /// <summary>An ONNX model uses an operator or construct a pass does not support.</summary>
    public const string UnsupportedOperator = "EDGE4002";

    /// <summary>A data file is malformed.</summary>
    public const string MalformedData = "EDGE6001";

    /// <summary>A data set contains NaN or infinity.</summary>
    public const string NonFiniteData = "EDGE6002";
}
