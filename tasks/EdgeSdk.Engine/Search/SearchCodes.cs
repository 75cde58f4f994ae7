// Diagnostic codes of the search (EDGE7xxx), until the diagnostics catalogue lands.
namespace EdgeSdk.Search;

/// <summary>Search diagnostic codes.</summary>
internal static class SearchCodes
{
    /// <summary>No trial meets every budget; the message names the closest trials and what each missed.</summary>
    public const string NoTrialMeetsBudgets = "EDGE7001";

    /// <summary>The search section names a pass the recipe's passes do not list.</summary>
    public const string UnknownSearchedPass = "EDGE7002";

    /// <summary>The search section names an option the pass lacks.</summary>
    public const string UnknownSearchedOption = "EDGE7003";

    /// <summary>A searched value is invalid for its option (wrong type, out of range, not an allowed value).</summary>
    public const string BadSearchedValue = "EDGE7004";

    /// <summary>A trial's pass failed; the trial is recorded as failed and the search goes on (info).</summary>
    public const string TrialFailed = "EDGE7005";

    /// <summary>The search summary (info): trials run, cached, chosen.</summary>
    public const string SearchSummary = "EDGE7006";
}
