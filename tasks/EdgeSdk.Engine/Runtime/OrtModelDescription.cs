// What `edgesdk inspect` says about an ORT-format file (model.ort): what the format is, its size, and the
// inputs and outputs ONNX Runtime reads from it. Operators and parameters live in the .onnx it was
// converted from, which the message points to.
using System.Text;
using System.Text.Json.Nodes;

namespace EdgeSdk.Runtime;

/// <summary>Describes an ORT-format model through ONNX Runtime.</summary>
internal static class OrtModelDescription
{
    /// <summary>Returns the text (or JSON) description of the ORT-format model at <paramref name="path"/>.</summary>
    public static string Render(string path, bool json)
    {
        using var session = InferenceSession.FromFile(path);
        var bytes = new FileInfo(path).Length;
        var onnx = Path.ChangeExtension(path, ".onnx");
        if (json)
        {
            var root = new JsonObject
            {
                ["path"] = path,
                ["format"] = "ort",
                ["fileSizeBytes"] = bytes,
                ["inputs"] = Values(session.Inputs),
                ["outputs"] = Values(session.Outputs),
            };
            return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        }

        var text = new StringBuilder();
        text.Append($"Model:       {path}\n");
        text.Append("Format:      ONNX Runtime ORT format (a FlatBuffer ONNX Runtime loads directly; not an ONNX protobuf)\n");
        text.Append($"File size:   {bytes} bytes\n");
        text.Append("Inputs:\n");
        foreach (var v in session.Inputs)
        {
            text.Append($"  {v}\n");
        }

        text.Append("Outputs:\n");
        foreach (var v in session.Outputs)
        {
            text.Append($"  {v}\n");
        }

        text.Append(File.Exists(onnx)
            ? $"Operators and parameters: run `edgesdk inspect {onnx}` (the ONNX model this file was converted from).\n"
            : "Operators and parameters: inspect the .onnx model this file was converted from.\n");
        return text.ToString();
    }

    private static JsonArray Values(IReadOnlyList<ValueMetadata> values) =>
        [.. values.Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["type"] = v.ToString().StartsWith(v.Name + ": ", StringComparison.Ordinal) ? v.ToString()[(v.Name.Length + 2)..] : v.ToString() })];
}
