// The Passes section of the diagnostics catalogue (Passes). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the Passes area.</summary>
    [Description("Passes")]
    internal static class Passes
    {
        /// <summary>EDGE2001 Pass warning.</summary>
        public static readonly DiagnosticDescriptor PassWarning = new("EDGE2001", DiagnosticSeverity.Warning, "Pass warning",
            "A pass reported a warning (shown in the report too).");
    }
}
