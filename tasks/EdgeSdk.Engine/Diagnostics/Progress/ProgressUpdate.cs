// What long-running work (calibration, training, latency runs, search) reports while it runs; a shared
// type low in the layering so that every area may report progress.
using EdgeSdk.Passes;

namespace EdgeSdk.Diagnostics;

/// <summary>A progress report from a long-running step.</summary>
/// <param name="Step">What is running, e.g. <c>calibration</c>.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units in all (0 when unknown).</param>
/// <param name="Detail">Optional short detail, e.g. the current loss.</param>
internal sealed record ProgressUpdate(string Step, long Done, long Total, string? Detail = null);
