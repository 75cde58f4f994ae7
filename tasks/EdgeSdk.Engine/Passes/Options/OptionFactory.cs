// Typed factories for pass options, so each options type declares every option in one line: key,
// description, default, range or allowed values, and the property it binds to. The kind, the default's CLR
// shape and the conversion from the validated recipe value all follow from the factory used.
namespace EdgeSdk.Passes.Options;

/// <summary>Factories of <see cref="PassOption{T}"/>.</summary>
/// <typeparam name="T">The options type.</typeparam>
internal static class OptionFactory<T>
{
    /// <summary>A true/false option with a default.</summary>
    public static PassOption<T> Boolean(string key, string description, bool @default, Func<T, bool, T> set, Func<T, bool> get) =>
        new(new(key, OptionKind.Boolean, description, @default), (o, v) => set(o, (bool)v!), o => get(o));

    /// <summary>A true/false option whose absence means something else decides (e.g. the target).</summary>
    public static PassOption<T> OptionalBoolean(string key, string description, Func<T, bool?, T> set, Func<T, bool?> get) =>
        new(new(key, OptionKind.Boolean, description), (o, v) => set(o, (bool?)v), o => get(o));

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>] with a default (<see cref="long.MaxValue"/>: no upper bound).</summary>
    public static PassOption<T> Integer(string key, string description, long @default, long min, long max, Func<T, long, T> set, Func<T, long> get) =>
        new(new(key, OptionKind.Integer, description, @default, Bound(min, long.MinValue), Bound(max, long.MaxValue)), (o, v) => set(o, (long)v!), o => get(o));

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>] whose absence means something else decides.</summary>
    public static PassOption<T> OptionalInteger(string key, string description, long min, long max, Func<T, long?, T> set, Func<T, long?> get) =>
        new(new(key, OptionKind.Integer, description, null, Bound(min, long.MinValue), Bound(max, long.MaxValue)), (o, v) => set(o, (long?)v), o => get(o));

    /// <summary>A real number in [<paramref name="min"/>, <paramref name="max"/>] with a default.</summary>
    public static PassOption<T> Number(string key, string description, double @default, double min, double max, Func<T, double, T> set, Func<T, double> get) =>
        new(new(key, OptionKind.Number, description, @default, min, max), (o, v) => set(o, (double)v!), o => get(o));

    /// <summary>One of <paramref name="values"/> (recipe spelling to value) with a default.</summary>
    public static PassOption<T> Enum<TValue>(string key, string description, TValue @default, IReadOnlyList<(string Name, TValue Value)> values, Func<T, TValue, T> set, Func<T, TValue> get)
        where TValue : notnull =>
        new(
            new(key, OptionKind.Enum, description, NameOf(values, @default), AllowedValues: values.Select(v => v.Name).ToList()),
            (o, v) => set(o, values.First(x => x.Name == (string)v!).Value),
            o => NameOf(values, get(o)));

    /// <summary>One of <paramref name="values"/> whose absence means something else decides.</summary>
    public static PassOption<T> OptionalEnum<TValue>(string key, string description, IReadOnlyList<(string Name, TValue Value)> values, Func<T, TValue?, T> set, Func<T, TValue?> get)
        where TValue : struct =>
        new(
            new(key, OptionKind.Enum, description, AllowedValues: values.Select(v => v.Name).ToList()),
            (o, v) => set(o, v is string name ? values.First(x => x.Name == name).Value : null),
            o => get(o) is { } value ? NameOf(values, value) : null);

    /// <summary>Free text; null when unset (or <paramref name="default"/>).</summary>
    public static PassOption<T> Text(string key, string description, string? @default, Func<T, string?, T> set, Func<T, string?> get) =>
        new(new(key, OptionKind.String, description, @default), (o, v) => set(o, (string?)v), o => get(o));

    /// <summary>A list of strings (empty by default unless <paramref name="default"/> is given).</summary>
    public static PassOption<T> List(string key, string description, IReadOnlyList<string>? @default, Func<T, IReadOnlyList<string>, T> set, Func<T, IReadOnlyList<string>> get) =>
        new(
            new(key, OptionKind.StringList, description, @default?.ToArray()),
            (o, v) => set(o, v is string[] list ? list : []),
            o => get(o).ToArray());

    private static double? Bound(long value, long unbounded) => value == unbounded ? null : value;

    private static string NameOf<TValue>(IReadOnlyList<(string Name, TValue Value)> values, TValue value) where TValue : notnull =>
        values.First(x => EqualityComparer<TValue>.Default.Equals(x.Value, value)).Name;
}
