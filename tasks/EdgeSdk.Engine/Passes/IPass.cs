// The contract every optimization pass implements. A pass receives a model and typed parameters in a
// PassContext and returns a new model plus what it did; it never reads the recipe file or writes
// artifacts itself, so it runs the same under MSBuild, the CLI and tests.
namespace EdgeSdk.Passes;

/// <summary>An optimization pass (fuse, quantize, prune, lowrank, distill, qat, finetune …).</summary>
internal interface IPass
{
    /// <summary>Gets the descriptor: the name used in recipes, version, parameters and data sets it needs.</summary>
    PassDescriptor Descriptor { get; }

    /// <summary>Runs the pass. The context's model is the pass's own copy; the pass may edit it in place and return it.</summary>
    PassResult Run(PassContext context);
}
