// The Low-rank factorization section of the diagnostics catalogue (LowRank). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Low-rank factorization area.</summary>
    [Description("Low-rank factorization")]
    internal static class LowRank
    {
        /// <summary>EDGE2301 Invalid rank parameters.</summary>
        public static readonly DiagnosticDescriptor InvalidRankParameters = new("EDGE2301", DiagnosticSeverity.Error, "Invalid rank parameters",
            "A parameter needed by the chosen rank method is missing or out of range.");

        /// <summary>EDGE2302 Budget unreachable.</summary>
        public static readonly DiagnosticDescriptor BudgetUnreachable = new("EDGE2302", DiagnosticSeverity.Error, "Budget unreachable",
            "The parameter or MAC budget cannot be met even at rank 1 everywhere.");

        /// <summary>EDGE2303 Nothing factorized.</summary>
        public static readonly DiagnosticDescriptor NothingFactorized = new("EDGE2303", DiagnosticSeverity.Warning, "Nothing factorized",
            "Warning: no layer was factorized (none would get cheaper).");
    }
}
