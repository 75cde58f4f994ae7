// The contract every optimization pass implements. A pass declares its options type (bound and checked
// when the recipe loads), receives the bound options and a model in a PassContext and returns a new model
// plus what it did; it never reads the recipe file or writes artifacts itself, so it runs the same under
// MSBuild, the CLI and tests. Passes derive from Pass<TOptions>, which does the typing.
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes;

/// <summary>An optimization pass (fuse, quantize, prune, lowrank, distill, qat, finetune …).</summary>
internal interface IPass
{
    /// <summary>Gets the descriptor: the name used in recipes, version, description and the data sets it always needs.</summary>
    PassDescriptor Descriptor { get; }

    /// <summary>Gets the pass's option declarations (the one place its recipe parameters are defined).</summary>
    IPassOptionSet Options { get; }

    /// <summary>Returns the data sets the pass needs with these options (at least <see cref="PassDescriptor.Requires"/>).</summary>
    DataRequirement RequiredData(BoundPassOptions options);

    /// <summary>Runs the pass with <see cref="PassContext.Options"/>. The context's model is the pass's own copy; the pass may edit it in place and return it.</summary>
    PassResult Run(PassContext context);
}
