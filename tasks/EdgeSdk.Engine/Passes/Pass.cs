// The base class of passes: ties a pass to its options type so each pass declares its options once and
// receives them typed (no pass looks a parameter up by string), and the data sets it needs follow from the
// typed options too.
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes;

/// <summary>A pass whose options are a <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The pass's options type.</typeparam>
internal abstract class Pass<TOptions> : IPass
    where TOptions : class
{
    /// <inheritdoc/>
    public abstract PassDescriptor Descriptor { get; }

    /// <summary>Gets the option declarations of <typeparamref name="TOptions"/>.</summary>
    public abstract PassOptionSet<TOptions> Options { get; }

    /// <inheritdoc/>
    IPassOptionSet IPass.Options => Options;

    /// <inheritdoc/>
    public DataRequirement RequiredData(BoundPassOptions options) => Descriptor.Requires | RequiredData(options.Get<TOptions>());

    /// <inheritdoc/>
    public PassResult Run(PassContext context) => Run(context, context.Options.Get<TOptions>());

    /// <summary>Returns the data sets needed beyond <see cref="PassDescriptor.Requires"/> with these options.</summary>
    protected virtual DataRequirement RequiredData(TOptions options) => DataRequirement.None;

    /// <summary>Runs the pass with its bound options.</summary>
    protected abstract PassResult Run(PassContext context, TOptions options);
}
