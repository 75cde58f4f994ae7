// The fuse pass's options: which of its clean-up rewrites run.
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Fusion;

/// <summary>Options of the <c>fuse</c> pass.</summary>
internal sealed record FuseOptions
{
    /// <summary>Gets the declarations (the one place the pass's recipe parameters are defined).</summary>
    public static PassOptionSet<FuseOptions> Declarations { get; } = new(
        "fuse",
        new FuseOptions(),
        [
            OptionFactory<FuseOptions>.Boolean("fold_batch_norm", "Fold BatchNormalization into the preceding Conv or Gemm.", true, (o, v) => o with { FoldBatchNorm = v }, o => o.FoldBatchNorm),
            OptionFactory<FuseOptions>.Boolean("remove_identity", "Remove Identity and Dropout nodes.", true, (o, v) => o with { RemoveIdentity = v }, o => o.RemoveIdentity),
            OptionFactory<FuseOptions>.Boolean("constants_to_initializers", "Turn Constant nodes into initializers.", true, (o, v) => o with { ConstantsToInitializers = v }, o => o.ConstantsToInitializers),
        ]);

    /// <summary>Gets whether BatchNormalization folds into the preceding Conv or Gemm.</summary>
    public bool FoldBatchNorm { get; init; } = true;

    /// <summary>Gets whether Identity and Dropout nodes are removed.</summary>
    public bool RemoveIdentity { get; init; } = true;

    /// <summary>Gets whether Constant nodes become initializers.</summary>
    public bool ConstantsToInitializers { get; init; } = true;
}
