// The `fuse` pass: graph clean-up every exporter's output benefits from. Constant nodes become
// initializers, Identity and Dropout disappear, and BatchNormalization folds into the Conv or Gemm
// before it. Each rewrite is a small class of its own; this pass runs them to a fixed point.
using EdgeSdk.Onnx;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Fusion;

/// <summary>Folds BatchNormalization into Conv/Gemm, removes Identity/Dropout and turns Constant nodes into initializers.</summary>
internal sealed class FusePass : Pass<FuseOptions>
{
    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "fuse",
        1,
        "Folds BatchNormalization into the preceding Conv or Gemm, removes Identity and Dropout, and turns Constant nodes into initializers.");

    /// <inheritdoc/>
    public override PassOptionSet<FuseOptions> Options => FuseOptions.Declarations;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, FuseOptions options)
    {
        var graph = context.Model;
        var result = new PassResult(graph);
        var before = graph.Nodes.Count;
        if (options.ConstantsToInitializers)
        {
            Count(result, "constants_to_initializers", ConstantToInitializer.Apply(graph), "turned {0} Constant node(s) into initializers");
        }

        if (options.RemoveIdentity)
        {
            Count(result, "identities_removed", IdentityElimination.Apply(graph), "removed {0} Identity/Dropout node(s)");
        }

        if (options.FoldBatchNorm)
        {
            Count(result, "batch_norms_folded", BatchNormFolding.Apply(graph), "folded {0} BatchNormalization node(s) into Conv/Gemm");
        }

        graph.RemoveUnusedInitializers();
        result.Figures["nodes_before"] = before;
        result.Figures["nodes_after"] = graph.Nodes.Count;
        return result;
    }

    private static void Count(PassResult result, string key, int count, string format)
    {
        result.Figures[key] = count;
        if (count > 0)
        {
            result.Summary.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, count));
        }
    }
}
