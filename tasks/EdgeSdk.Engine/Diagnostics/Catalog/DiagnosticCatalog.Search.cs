// The Search section of the diagnostics catalogue (EDGE7xxx). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the search (the recipe's <c>search:</c> section and its trials).</summary>
    [Description("Search")]
    internal static class Search
    {
        /// <summary>EDGE7001 No trial meets every budget.</summary>
        public static readonly DiagnosticDescriptor NoTrialMeetsBudgets = new("EDGE7001", DiagnosticSeverity.Error, "No trial meets every budget",
            "None of the search's trials meets every error budget (and the target's RAM and storage). The message names the closest trials and the budget each missed; the closest trial's report is written. Widen the search space, allow more trials, or relax a budget.");

        /// <summary>EDGE7002 Searched pass not in the recipe.</summary>
        public static readonly DiagnosticDescriptor UnknownSearchedPass = new("EDGE7002", DiagnosticSeverity.Error, "Searched pass not in the recipe",
            "A `search.parameters` key names a pass the recipe's `passes` do not list. Add the pass (with `enabled: false` to search whether to run it) or fix the name.");

        /// <summary>EDGE7003 Searched option unknown.</summary>
        public static readonly DiagnosticDescriptor UnknownSearchedOption = new("EDGE7003", DiagnosticSeverity.Error, "Searched option unknown",
            "A `search.parameters` key names an option the pass does not declare; the message lists its options.");

        /// <summary>EDGE7005 Trial failed.</summary>
        public static readonly DiagnosticDescriptor TrialFailed = new("EDGE7005", DiagnosticSeverity.Info, "Trial failed",
            "A pass failed in one of the search's trials; the trial is recorded as failed (with the error) and never chosen, and the search goes on.");

        /// <summary>EDGE7006 Search summary.</summary>
        public static readonly DiagnosticDescriptor SearchSummary = new("EDGE7006", DiagnosticSeverity.Info, "Search summary",
            "How many trials the search ran or took from the cache, which one it chose and why.");
    }
}
