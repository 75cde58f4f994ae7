// Writes a pass's validated parameters into the plan file and reads them back bound to the same pass
// descriptor, so later build steps get the parameters without reading the recipe again. Values keep
// their kind (bool, long, double, string, string[]) so fingerprints and passes see exactly what the loader produced.
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeSdk.Passes;

namespace EdgeSdk.Pipeline;

/// <summary>JSON form of <see cref="PassParameters"/>: <c>{"pass": "quantize", "values": {"mode": {"string": "static"}}, "locations": {…}}</c>.</summary>
internal sealed class PassParametersJsonConverter : JsonConverter<PassParameters>
{
    /// <inheritdoc/>
    public override PassParameters Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var pass = root.GetProperty("pass").GetString()!;
        var descriptor = PassCatalog.Find(pass)?.Descriptor ?? throw new JsonException($"The plan names the unknown pass '{pass}'.");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var value in root.GetProperty("values").EnumerateObject())
        {
            var typed = value.Value.EnumerateObject().Single();
            values[value.Name] = typed.Name switch
            {
                "null" => null,
                "bool" => typed.Value.GetBoolean(),
                "long" => typed.Value.GetInt64(),
                "double" => typed.Value.GetDouble(),
                "string" => typed.Value.GetString(),
                "strings" => typed.Value.EnumerateArray().Select(e => e.GetString()!).ToArray(),
                _ => throw new JsonException($"Unknown parameter value kind '{typed.Name}'."),
            };
        }

        var locations = root.GetProperty("locations").Deserialize<Dictionary<string, SourceLocation>>(options)!;
        return new PassParameters(descriptor, values, locations);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, PassParameters value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("pass", value.Descriptor.Name);
        writer.WriteStartObject("values");
        foreach (var (name, v) in value.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(name);
            switch (v)
            {
                case null: writer.WriteNull("null"); break;
                case bool b: writer.WriteBoolean("bool", b); break;
                case long l: writer.WriteNumber("long", l); break;
                case int i: writer.WriteNumber("long", i); break;
                case double d: writer.WriteNumber("double", d); break;
                case string s: writer.WriteString("string", s); break;
                case IEnumerable<string> list:
                    writer.WriteStartArray("strings");
                    foreach (var s in list)
                    {
                        writer.WriteStringValue(s);
                    }

                    writer.WriteEndArray();
                    break;
                default: throw new JsonException($"Parameter '{name}' has a value of type {v.GetType().Name}, which the plan file cannot hold.");
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WritePropertyName("locations");
        JsonSerializer.Serialize(writer, new SortedDictionary<string, SourceLocation>(value.Locations.ToDictionary(), StringComparer.Ordinal), options);
        writer.WriteEndObject();
    }
}
