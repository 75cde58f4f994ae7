// The Data sets section of the diagnostics catalogue (Data). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Data sets area.</summary>
    [Description("Data sets")]
    internal static class Data
    {
        /// <summary>EDGE6001 Malformed data.</summary>
        public static readonly DiagnosticDescriptor MalformedData = new("EDGE6001", DiagnosticSeverity.Error, "Malformed data",
            "A data file is malformed.");

        /// <summary>EDGE6002 Non-finite data.</summary>
        public static readonly DiagnosticDescriptor NonFiniteData = new("EDGE6002", DiagnosticSeverity.Error, "Non-finite data",
            "A data set contains NaN or infinity.");

        /// <summary>EDGE6003 Input mismatch.</summary>
        public static readonly DiagnosticDescriptor InputMismatch = new("EDGE6003", DiagnosticSeverity.Error, "Input mismatch",
            "A data set's inputs do not match the model's inputs.");

        /// <summary>EDGE6004 Missing array.</summary>
        public static readonly DiagnosticDescriptor MissingArray = new("EDGE6004", DiagnosticSeverity.Error, "Missing array",
            "A named array, column or tensor is missing from a data file.");

        /// <summary>EDGE6005 Bad value.</summary>
        public static readonly DiagnosticDescriptor BadValue = new("EDGE6005", DiagnosticSeverity.Error, "Bad value",
            "A value in a data file cannot be converted (e.g. text in a numeric CSV column).");

        /// <summary>EDGE6006 Preprocess mismatch.</summary>
        public static readonly DiagnosticDescriptor PreprocessMismatch = new("EDGE6006", DiagnosticSeverity.Error, "Preprocess mismatch",
            "Preprocessing does not fit the data's shape (channel count, rank).");

        /// <summary>EDGE6007 Declared size too large.</summary>
        public static readonly DiagnosticDescriptor DeclaredSizeTooLarge = new("EDGE6007", DiagnosticSeverity.Error, "Declared size too large",
            "A data file declares a shape or size that overflows or exceeds what this machine can hold (an `.npy` header, an `.npz` member). Refused before anything is allocated.");

        /// <summary>EDGE6008 Empty data set.</summary>
        public static readonly DiagnosticDescriptor EmptyDataSet = new("EDGE6008", DiagnosticSeverity.Error, "Empty data set",
            "A data set has no samples: an array whose first dimension is 0, or a CSV file with a header row only. Give it at least one sample.");
    }
}
