// EDGE6xxx codes for data-set problems found while reading data files (the shared ones, EDGE6001 malformed
// data and EDGE6002 non-finite values, live in DiagnosticCodes).
namespace EdgeSdk.Data;

/// <summary>Diagnostic codes of the data readers.</summary>
internal static class DataCodes
{
    /// <summary>A data set's inputs do not match the model's inputs.</summary>
    public const string InputMismatch = "EDGE6003";

    /// <summary>A named array, column or tensor is missing from a data file.</summary>
    public const string MissingArray = "EDGE6004";

    /// <summary>A value in a data file cannot be converted (e.g. text in a numeric CSV column).</summary>
    public const string BadValue = "EDGE6005";

    /// <summary>Preprocessing does not fit the data's shape (channel count, rank).</summary>
    public const string PreprocessMismatch = "EDGE6006";

    /// <summary>A data file declares a shape or size that overflows or exceeds what this machine can hold (refused before allocating).</summary>
    public const string DeclaredSizeTooLarge = "EDGE6007";

    /// <summary>A data set has no samples (an empty array, a CSV with a header only, or <c>samples: 0</c> after filtering).</summary>
    public const string EmptyDataSet = "EDGE6008";
}
