// Renders every pass's declared options (key, type, default, range or allowed values, meaning) as the
// Markdown tables of recipes/README.md, from the same declarations the loader binds and the JSON schema
// is generated from; `edgesdk schema --readme recipes/README.md` rewrites the section, a test checks it.
using System.Globalization;
using System.Text;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Recipes;

/// <summary>The generated pass-options section of recipes/README.md.</summary>
internal static class PassOptionsMarkdown
{
    /// <summary>The line that opens the generated section.</summary>
    public const string Begin = "<!-- pass-options:begin (generated from the passes' option declarations by `edgesdk schema --readme recipes/README.md`; do not edit by hand) -->";

    /// <summary>The line that closes the generated section.</summary>
    public const string End = "<!-- pass-options:end -->";

    /// <summary>Returns the section (from <see cref="Begin"/> to <see cref="End"/>, newline-terminated lines).</summary>
    public static string Generate(IReadOnlyDictionary<string, IPass> passes)
    {
        var sb = new StringBuilder();
        sb.Append(Begin).Append('\n');
        foreach (var name in passes.Keys.Order(StringComparer.Ordinal))
        {
            var pass = passes[name];
            sb.Append('\n').Append(CultureInfo.InvariantCulture, $"#### `{name}` options\n\n");
            sb.Append(Escape(pass.Descriptor.Description)).Append("\n\n");
            if (pass.Options.Options.Count == 0)
            {
                sb.Append("No options.\n");
                continue;
            }

            sb.Append("| Option | Type | Default | Range or values | Meaning |\n|---|---|---|---|---|\n");
            foreach (var option in pass.Options.Options)
            {
                sb.Append(CultureInfo.InvariantCulture, $"| `{option.Key}` | {Kind(option.Kind)} | {Default(option)} | {Values(option)} | {Escape(option.Description)} |\n");
            }
        }

        sb.Append('\n').Append(End).Append('\n');
        return sb.ToString();
    }

    /// <summary>Returns <paramref name="readme"/> with its generated section replaced by <paramref name="section"/> (appended when absent).</summary>
    public static string Replace(string readme, string section)
    {
        readme = readme.ReplaceLineEndings("\n");
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            return readme.TrimEnd('\n') + "\n\n" + section;
        }

        return string.Concat(readme.AsSpan(0, begin), section, readme.AsSpan(end + End.Length + 1));
    }

    /// <summary>Returns the generated section found in <paramref name="readme"/>, or null.</summary>
    public static string? Extract(string readme)
    {
        readme = readme.ReplaceLineEndings("\n");
        var begin = readme.IndexOf(Begin, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin ? null : readme[begin..(end + End.Length)] + "\n";
    }

    private static string Kind(OptionKind kind) => kind switch
    {
        OptionKind.Boolean => "boolean",
        OptionKind.Integer => "integer",
        OptionKind.Number => "number",
        OptionKind.Enum => "enum",
        OptionKind.StringList => "list of text",
        _ => "text",
    };

    private static string Default(PassOptionInfo option) => option.Default switch
    {
        _ when option.Required => "required",
        null => "—",
        bool b => b ? "`true`" : "`false`",
        string[] list => list.Length == 0 ? "`[]`" : "`[" + string.Join(", ", list) + "]`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        var other => $"`{other}`",
    };

    private static string Values(PassOptionInfo option)
    {
        if (option.AllowedValues is { Count: > 0 } allowed)
        {
            return string.Join(", ", allowed.Select(a => $"`{a}`"));
        }

        return (option.Minimum, option.Maximum) switch
        {
            ({ } min, { } max) => $"{N(min)} … {N(max)}",
            ({ } min, null) => $"≥ {N(min)}",
            (null, { } max) => $"≤ {N(max)}",
            _ => string.Empty,
        };
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
