// One declared option of a pass bound to a property of the pass's options type: how a validated value
// (or the default) is written into the options object, and how the bound value is read back for the
// canonical form that step fingerprints hash. Built with the factories in OptionFactory.
namespace EdgeSdk.Passes.Options;

/// <summary>An option of the options type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The pass's options type (an immutable record).</typeparam>
internal sealed class PassOption<T>
{
    private readonly Func<T, object?, T> _apply;
    private readonly Func<T, object?> _read;

    /// <summary>Creates an option.</summary>
    /// <param name="info">The declaration.</param>
    /// <param name="apply">Returns the options with the value set; receives a validated value in its CLR shape (bool, long, double, string, string[]) or the default (possibly null).</param>
    /// <param name="read">Returns the bound value in its CLR shape, for the canonical form.</param>
    public PassOption(PassOptionInfo info, Func<T, object?, T> apply, Func<T, object?> read)
    {
        Info = info;
        _apply = apply;
        _read = read;
    }

    /// <summary>Gets the declaration.</summary>
    public PassOptionInfo Info { get; }

    /// <summary>Returns <paramref name="options"/> with this option set to <paramref name="value"/>.</summary>
    public T Apply(T options, object? value) => _apply(options, value);

    /// <summary>Returns this option's value in <paramref name="options"/>.</summary>
    public object? Read(T options) => _read(options);

    /// <summary>Returns the same option declared as required (no default; a recipe must set it).</summary>
    public PassOption<T> Required() => new(Info with { Required = true, Default = null }, _apply, _read);

    /// <summary>Returns this option as an option of an enclosing type that holds a <typeparamref name="T"/> (option groups shared by several passes).</summary>
    /// <typeparam name="TOuter">The enclosing options type.</typeparam>
    /// <param name="get">Gets the part from the enclosing options.</param>
    /// <param name="set">Returns the enclosing options with the part replaced.</param>
    public PassOption<TOuter> Within<TOuter>(Func<TOuter, T> get, Func<TOuter, T, TOuter> set) =>
        new(Info, (outer, value) => set(outer, _apply(get(outer), value)), outer => _read(get(outer)));
}
