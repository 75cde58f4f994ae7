// Options of a pass whose output depends on timing models on the build host (quantize's host_latency):
// the planner adds the latency batch and thread count such a pass times with to its step's fingerprint, so a
// changed batch or thread count re-runs the decision instead of reusing one made for other settings.
namespace EdgeSdk.Passes;

/// <summary>Pass options that may time models on the build host while the pass runs.</summary>
internal interface IHostTimedOptions
{
    /// <summary>Gets whether these options make the pass time models on the host.</summary>
    bool TimesOnHost { get; }
}
