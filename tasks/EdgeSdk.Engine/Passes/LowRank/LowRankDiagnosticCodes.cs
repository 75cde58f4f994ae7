// Diagnostic codes of the lowrank pass (EDGE23xx). Documented in docs/diagnostics.md.
namespace EdgeSdk.Passes.LowRank;

/// <summary>Codes the lowrank pass reports.</summary>
internal static class LowRankDiagnosticCodes
{
    /// <summary>A parameter needed by the chosen rank method is missing or out of range.</summary>
    public const string InvalidRankParameters = "EDGE2301";

    /// <summary>The parameter or MAC budget cannot be met even at rank 1 everywhere.</summary>
    public const string BudgetUnreachable = "EDGE2302";

    /// <summary>Warning: no layer was factorized (none would get cheaper).</summary>
    public const string NothingFactorized = "EDGE2303";
}
