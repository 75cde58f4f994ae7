// Checks one option value against its declaration (type, range, allowed values) and returns it in the
// canonical CLR shape. The recipe loader and the override binding both use it, so a value set in YAML and
// the same value set by the search helper are accepted or rejected alike, with the same message.
using System.Collections;
using System.Globalization;
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;

namespace EdgeSdk.Passes.Options;

/// <summary>Validation of one option value.</summary>
internal static class OptionValueChecker
{
    /// <summary>The outcome: the canonical value, or a diagnostic code and message.</summary>
    /// <param name="Value">The canonical value (bool, long, double, string or string[]) when valid.</param>
    /// <param name="Code">The error's code, or null when valid.</param>
    /// <param name="Message">The error's message, or null when valid.</param>
    internal readonly record struct Outcome(object? Value, DiagnosticDescriptor? Code, string? Message)
    {
        /// <summary>Gets whether the value is valid.</summary>
        public bool IsValid => Code is null;
    }

    /// <summary>Checks <paramref name="value"/> for <paramref name="option"/>; <paramref name="what"/> names it in messages (e.g. <c>passes.quantize.block_size</c>).</summary>
    public static Outcome Check(PassOptionInfo option, object? value, string what) => option.Kind switch
    {
        OptionKind.Boolean => value is bool b ? new(b, null, null) : WrongType(what, "true or false", value),
        OptionKind.Integer => value is long or int ? Range(option, what, Convert.ToInt64(value, CultureInfo.InvariantCulture)) : WrongType(what, "a whole number", value),
        OptionKind.Number => value is double or float or long or int ? Range(option, what, Convert.ToDouble(value, CultureInfo.InvariantCulture)) : WrongType(what, "a number", value),
        OptionKind.Enum => value is string text ? OneOf(option, what, text) : WrongType(what, "text", value),
        OptionKind.StringList => value switch
        {
            string s => new(new[] { s }, null, null),
            IEnumerable list when list.Cast<object?>().All(i => i is string) => new(list.Cast<string>().ToArray(), null, null),
            _ => WrongType(what, "a list of text values", value),
        },
        _ => value is string s ? new(s, null, null) : WrongType(what, "text", value),
    };

    private static Outcome Range(PassOptionInfo option, string what, long value)
    {
        var min = option.Minimum is { } lo ? (long)Math.Ceiling(lo) : long.MinValue;
        var max = option.Maximum is { } hi ? (long)Math.Floor(hi) : long.MaxValue;
        return value < min || value > max
            ? new(null, DiagnosticCatalog.Recipes.OutOfRange, $"'{what}' is {value.ToString(CultureInfo.InvariantCulture)}; it must be {RangeText.Of(min, max)}.")
            : new(value, null, null);
    }

    private static Outcome Range(PassOptionInfo option, string what, double value)
    {
        var min = option.Minimum ?? double.NegativeInfinity;
        var max = option.Maximum ?? double.PositiveInfinity;
        if (!double.IsFinite(value))
        {
            return new(null, DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be a finite number, not {value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return value < min || value > max
            ? new(null, DiagnosticCatalog.Recipes.OutOfRange, $"'{what}' is {value.ToString(CultureInfo.InvariantCulture)}; it must be {RangeText.Of(min, max)}.")
            : new(value, null, null);
    }

    private static Outcome OneOf(PassOptionInfo option, string what, string text)
    {
        var allowed = option.AllowedValues ?? [];
        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? new(null, DiagnosticCatalog.Recipes.InvalidValue, $"'{what}' is '{text}'; it must be one of: {string.Join(", ", allowed)}.{DidYouMean.Hint(text, allowed)}")
            : new(match, null, null);
    }

    private static Outcome WrongType(string what, string expected, object? value) =>
        new(null, DiagnosticCatalog.Recipes.WrongType, $"'{what}' must be {expected}, not {Describe(value)}.");

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        string s => $"'{s}'",
        IEnumerable => "a list",
        IFormattable f => $"'{f.ToString(null, CultureInfo.InvariantCulture)}'",
        _ => $"'{value}'",
    };
}
