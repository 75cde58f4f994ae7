// Renders a ModelInspection as indented JSON with a fixed key order, so scripts and tests can rely on it:
// known dimensions are numbers, symbolic ones strings, unknown ones null; a shape of unknown rank is null.
using System.Text;
using System.Text.Json;
using EdgeSdk.Onnx.Shapes;

namespace EdgeSdk.Onnx.Inspection;

/// <summary>Formats an inspection as JSON.</summary>
internal static class ModelInspectionJson
{
    /// <summary>Returns the JSON document ('\n' line endings, two-space indent).</summary>
    public static string Render(ModelInspection m)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            w.WriteStartObject();
            w.WriteString("path", m.Path);
            w.WriteNumber("fileSizeBytes", m.FileSizeBytes);
            w.WriteNumber("externalDataBytes", m.ExternalDataBytes);
            w.WriteNumber("irVersion", m.IrVersion);
            w.WriteString("producerName", m.ProducerName);
            w.WriteString("producerVersion", m.ProducerVersion);
            w.WriteStartArray("opsets");
            foreach (var (domain, version) in m.Opsets)
            {
                w.WriteStartObject();
                w.WriteString("domain", domain);
                w.WriteNumber("version", version);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Values(w, "inputs", m.Inputs, withProducer: false);
            Values(w, "outputs", m.Outputs, withProducer: false);
            w.WriteNumber("nodeCount", m.NodeCount);
            w.WriteStartObject("opCounts");
            foreach (var (op, count) in m.OpCounts)
            {
                w.WriteNumber(op, count);
            }

            w.WriteEndObject();
            w.WriteNumber("parameterCount", m.ParameterCount);
            w.WriteNumber("parameterBytes", m.ParameterBytes);
            if (m.Values is not null)
            {
                Values(w, "values", m.Values, withProducer: true);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Values(Utf8JsonWriter w, string name, IReadOnlyList<InspectedValue> values, bool withProducer)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStartObject();
            w.WriteString("name", v.Name);
            w.WriteString("elementType", v.Type.ElementType == Tensors.TensorElementType.Undefined ? null : ElementTypeNames.Of(v.Type.ElementType));
            if (v.Type.Shape is null)
            {
                w.WriteNull("shape");
            }
            else
            {
                w.WriteStartArray("shape");
                foreach (var d in v.Type.Shape)
                {
                    if (d.IsKnown)
                    {
                        w.WriteNumberValue(d.Value!.Value);
                    }
                    else if (d.IsSymbolic)
                    {
                        w.WriteStringValue(d.Symbol);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }
                }

                w.WriteEndArray();
            }

            if (withProducer)
            {
                w.WriteString("producer", v.Producer);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
