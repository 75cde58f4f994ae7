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
