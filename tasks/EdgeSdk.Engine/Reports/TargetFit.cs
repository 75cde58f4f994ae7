// Whether the final model fits the recipe's target device: its peak memory against the target's RAM and
// its file against the target's storage, as the target profile states them. Both reports show it.

namespace EdgeSdk.Reports;

/// <summary>One fit check against the target.</summary>
/// <param name="What">What is checked (<c>peak memory</c>, <c>model</c>).</param>
/// <param name="Need">Bytes needed.</param>
/// <param name="Have">Bytes the target has.</param>
/// <param name="Resource">What the target has (<c>RAM</c>, <c>storage</c>).</param>
internal sealed record TargetFit(string What, long Need, long Have, string Resource)
{
    /// <summary>Gets whether the need fits.</summary>
    public bool Fits => Need <= Have;

    /// <summary>Gets the check as text, e.g. <c>peak memory 140.5 KB of 512 MB RAM</c>.</summary>
    public string Text => $"{What} {UnitText.Size(Need)} of {UnitText.Size(Have)} {Resource}";

    /// <summary>Returns the checks the stage's measurements and the target profile allow.</summary>
    public static IReadOnlyList<TargetFit> For(StageMeasurement stage)
    {
        var fits = new List<TargetFit>();
        if (stage.PeakMemoryBytes is { } memory && stage.TargetRamBytes is { } ram)
        {
            fits.Add(new TargetFit("peak memory", memory, ram, "RAM"));
        }

        if (stage.Bytes > 0 && stage.TargetStorageBytes is { } storage)
        {
            fits.Add(new TargetFit("model", stage.Bytes, storage, "storage"));
        }

        return fits;
    }
}
