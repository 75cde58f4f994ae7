// What a pass declares about itself beside its options: its recipe name, a version that enters step
// fingerprints, a description for docs and the schema, and the data sets it always needs. The options are
// declared by the pass's options type (Options/PassOptionSet).
namespace EdgeSdk.Passes;

/// <summary>Data sets a pass may need from the recipe.</summary>
[Flags]
internal enum DataRequirement
{
    /// <summary>No data.</summary>
    None = 0,
    /// <summary>The calibration set.</summary>
    Calibration = 1,
    /// <summary>The training set.</summary>
    Training = 2,
    /// <summary>The evaluation set.</summary>
    Evaluation = 4,
}

/// <summary>Describes a pass.</summary>
/// <param name="Name">The pass's name in recipes (<c>fuse</c>, <c>quantize</c> …).</param>
/// <param name="Version">Bumped whenever the pass's output changes for the same input; part of step fingerprints.</param>
/// <param name="Description">One sentence for docs and the schema.</param>
/// <param name="Requires">Data sets the pass needs regardless of options.</param>
internal sealed record PassDescriptor(
    string Name,
    int Version,
    string Description,
    DataRequirement Requires = DataRequirement.None);
