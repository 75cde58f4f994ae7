// Writes a pass's bound options into the plan file as the values the recipe set (with where), and reads
// them back by binding those values to the pass's options type again (no YAML involved; the pass's own
// cross-field checks run again and give the same typed options, canonical values and fingerprints).
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Pipeline;

/// <summary>JSON form of <see cref="BoundPassOptions"/>: <c>{"pass": "quantize", "entry": {…}, "values": {"mode": {"string": "static", "at": {…}}}}</c>.</summary>
internal sealed class BoundPassOptionsJsonConverter : JsonConverter<BoundPassOptions>
{
    /// <inheritdoc/>
    public override BoundPassOptions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var name = root.GetProperty("pass").GetString()!;
        var pass = PassCatalog.Find(name) ?? throw new JsonException($"The plan names the unknown pass '{name}'.");
        var entry = root.TryGetProperty("entry", out var e) ? e.Deserialize<SourceLocation>(options) : null;
        var values = new Dictionary<string, OptionValue>(StringComparer.Ordinal);
        foreach (var option in root.GetProperty("values").EnumerateObject())
        {
            var location = option.Value.TryGetProperty("at", out var at) ? at.Deserialize<SourceLocation>(options) : null;
            var typed = option.Value.EnumerateObject().First(p => p.Name != "at");
            object? value = typed.Name switch
            {
                "null" => null,
                "bool" => typed.Value.GetBoolean(),
                "long" => typed.Value.GetInt64(),
                "double" => typed.Value.GetDouble(),
                "string" => typed.Value.GetString(),
                "strings" => typed.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(),
                _ => throw new JsonException($"Unknown option value kind '{typed.Name}'."),
            };
            values[option.Name] = new OptionValue(value, location);
        }

        var binding = PassOptions.Bind(pass, values, new OptionBindContext(entry, Environment.CurrentDirectory, CheckFilesExist: false));
        return binding.Options ?? throw new JsonException($"The options of pass '{name}' in the plan no longer bind: {string.Join("; ", binding.Diagnostics)}");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, BoundPassOptions value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("pass", value.Pass);
        if (value.EntryLocation is { } entry)
        {
            writer.WritePropertyName("entry");
            JsonSerializer.Serialize(writer, entry, options);
        }

        writer.WriteStartObject("values");
        foreach (var (key, option) in value.Explicit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(key);
            WriteValue(writer, key, option.Value);
            if (option.Location is { } at)
            {
                writer.WritePropertyName("at");
                JsonSerializer.Serialize(writer, at, options);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull("null"); break;
            case bool b: writer.WriteBoolean("bool", b); break;
            case long l: writer.WriteNumber("long", l); break;
            case int i: writer.WriteNumber("long", i); break;
            case double d: writer.WriteNumber("double", d); break;
            case float f: writer.WriteNumber("double", f); break;
            case string s: writer.WriteString("string", s); break;
            case IEnumerable<string> list:
                writer.WriteStartArray("strings");
                foreach (var s in list)
                {
                    writer.WriteStringValue(s);
                }

                writer.WriteEndArray();
                break;
            default: throw new JsonException($"Option '{key}' has a value of type {value.GetType().Name}, which the plan file cannot hold.");
        }
    }
}
