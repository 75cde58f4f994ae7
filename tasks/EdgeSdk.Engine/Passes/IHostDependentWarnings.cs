// A pass whose warnings depend on the machine running the build, not only on the step's inputs (quantize and
// qat warn about 8-bit weights where the host's int8 kernels lack VNNI). The step cache shares a step's output
// between machines under a key without the host, so such warnings are never replayed from a stored record:
// the step runner asks the pass for them again, for the host at hand, whenever a record is restored or shown
// again (Pipeline/StepHostWarnings). They depend only on the bound options, the target and the host.
using EdgeSdk.Passes.Options;
using EdgeSdk.Targets;

namespace EdgeSdk.Passes;

/// <summary>A pass with warnings that follow from the build host's CPU.</summary>
internal interface IHostDependentWarnings
{
    /// <summary>Gets the codes of the warnings <see cref="HostWarnings"/> may return (a stored warning with one of them is always recomputed).</summary>
    IReadOnlyCollection<string> HostWarningCodes { get; }

    /// <summary>Returns the host-dependent warnings of a step with <paramref name="options"/> for <paramref name="target"/> built on <paramref name="host"/>.</summary>
    IReadOnlyList<EdgeDiagnostic> HostWarnings(BoundPassOptions options, TargetProfile target, TargetProfile host);

    /// <summary>Returns the line a host-dependent warning adds at the end of its step's summary (so the report shows it).</summary>
    static string SummaryLine(EdgeDiagnostic warning) => "warning: " + warning.Message;
}
