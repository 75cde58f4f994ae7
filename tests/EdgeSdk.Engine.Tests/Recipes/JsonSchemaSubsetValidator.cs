// A small validator for exactly the JSON Schema subset RecipeSchemaGenerator emits (type, enum, const,
// properties, additionalProperties, required, items, oneOf, anyOf, minimum, maximum, pattern, $ref to
// #/$defs), so tests can check stock recipes against the committed schema without a new package.
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EdgeSdk.Tests.Recipes;

internal sealed class JsonSchemaSubsetValidator
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "title", "description", "default", "examples", "type", "enum", "const", "properties",
        "additionalProperties", "required", "items", "oneOf", "anyOf", "minimum", "maximum", "pattern", "$ref", "$defs",
    };

    private readonly JsonObject _root;

    public JsonSchemaSubsetValidator(JsonObject root) => _root = root;

    /// <summary>Returns the errors (JSON-pointer-like path: message); empty when valid.</summary>
    public List<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonObject schema, JsonNode? value, string path, List<string> errors)
    {
        foreach (var key in schema.Select(kv => kv.Key).Where(k => !Known.Contains(k)))
        {
            throw new InvalidOperationException($"The schema uses '{key}', which this validator does not support.");
        }

        if (schema["$ref"] is JsonValue reference)
        {
            var name = reference.GetValue<string>()["#/$defs/".Length..];
            Check((JsonObject)_root["$defs"]![name]!, value, path, errors);
        }

        if (schema["type"] is { } type)
        {
            var types = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            if (!types.Any(t => IsType(value, t)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", types)}, got {Kind(value)}");
                return;
            }
        }

        if (schema["const"] is { } constant && !JsonNode.DeepEquals(constant, value))
        {
            errors.Add($"{path}: expected {constant.ToJsonString()}");
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        if (value is JsonValue number && (number.TryGetValue<long>(out _) || number.TryGetValue<double>(out _)) && Kind(value) is "integer" or "number")
        {
            var x = number.TryGetValue<long>(out var l) ? l : number.GetValue<double>();
            if (schema["minimum"] is { } min && x < min.GetValue<double>())
            {
                errors.Add($"{path}: {x} is below {min}");
            }

            if (schema["maximum"] is { } max && x > max.GetValue<double>())
            {
                errors.Add($"{path}: {x} is above {max}");
            }
        }

        if (schema["pattern"] is { } pattern && value is JsonValue text && text.TryGetValue<string>(out var s) && !Regex.IsMatch(s, pattern.GetValue<string>()))
        {
            errors.Add($"{path}: '{s}' does not match {pattern}");
        }

        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(required))
                {
                    errors.Add($"{path}: missing '{required}'");
                }
            }

            foreach (var (key, child) in obj)
            {
                if (properties?[key] is JsonObject propertySchema)
                {
                    Check(propertySchema, child, $"{path}.{key}", errors);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Check(additional, child, $"{path}.{key}", errors);
                }
                else if (schema["additionalProperties"] is JsonValue flag && !flag.GetValue<bool>())
                {
                    errors.Add($"{path}: unknown property '{key}'");
                }
            }
        }

        if (value is JsonArray array && schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(items, array[i], $"{path}[{i}]", errors);
            }
        }

        if (schema["anyOf"] is JsonArray anyOf)
        {
            var results = anyOf.Select(a => Errors((JsonObject)a!, value, path)).ToList();
            if (results.All(r => r.Count > 0))
            {
                errors.AddRange(Closest(results, path));
            }
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var results = oneOf.Select(a => Errors((JsonObject)a!, value, path)).ToList();
            var matches = results.Count(r => r.Count == 0);
            if (matches == 0)
            {
                errors.AddRange(Closest(results, path));
            }
            else if (matches > 1)
            {
                errors.Add($"{path}: matches {matches} of the oneOf alternatives, expected exactly 1");
            }
        }
    }

    // The alternative that failed least: one whose type fitted (errors deeper inside) beats a type mismatch.
    private static List<string> Closest(List<List<string>> results, string path) =>
        results.OrderBy(r => r.Any(e => e.StartsWith(path + ": expected ", StringComparison.Ordinal)) ? 1 : 0).ThenBy(r => r.Count).First();

    private List<string> Errors(JsonObject schema, JsonNode? value, string path)
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return errors;
    }

    private static bool IsType(JsonNode? value, string type) => type switch
    {
        "null" => value is null,
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => Kind(value) == "string",
        "boolean" => Kind(value) == "boolean",
        "integer" => Kind(value) == "integer",
        "number" => Kind(value) is "integer" or "number",
        _ => throw new InvalidOperationException($"Unsupported type '{type}'."),
    };

    private static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.TryGetValue<long>(out _) ? "integer" : (v.TryGetValue<double>(out var d) && d == Math.Floor(d) && !v.ToJsonString().Contains('.') ? "integer" : "number"),
            _ => "other",
        },
        _ => "other",
    };
}
