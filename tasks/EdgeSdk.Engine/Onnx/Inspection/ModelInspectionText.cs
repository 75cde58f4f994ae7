// Renders a ModelInspection as aligned plain text for the terminal (invariant culture, stable order).
using System.Globalization;
using System.Text;

namespace EdgeSdk.Onnx.Inspection;

/// <summary>Formats an inspection as text.</summary>
internal static class ModelInspectionText
{
    /// <summary>Returns the text report ('\n' line endings).</summary>
    public static string Render(ModelInspection m)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"Model:       {m.Path}\n");
        sb.Append(c, $"File size:   {m.FileSizeBytes:N0} bytes ({Size(m.FileSizeBytes)})");
        sb.Append(m.ExternalDataBytes > 0 ? string.Create(c, $" + {m.ExternalDataBytes:N0} bytes of external data\n") : "\n");
        sb.Append(c, $"IR version:  {m.IrVersion}\n");
        if (m.ProducerName.Length > 0)
        {
            sb.Append(string.Create(c, $"Producer:    {m.ProducerName} {m.ProducerVersion}").TrimEnd()).Append('\n');
        }

        sb.Append("Opsets:      ").Append(string.Join(", ", m.Opsets.Select(o => string.Create(c, $"{o.Domain} {o.Version}")))).Append('\n');
        Section(sb, "Inputs", m.Inputs, withProducer: false);
        Section(sb, "Outputs", m.Outputs, withProducer: false);
        sb.Append(c, $"Nodes:       {m.NodeCount}\n");
        sb.Append(c, $"Parameters:  {m.ParameterCount:N0} ({Size(m.ParameterBytes)})\n");
        sb.Append("Operators:\n");
        var width = m.OpCounts.Count == 0 ? 0 : m.OpCounts.Max(o => o.Op.Length);
        foreach (var (op, count) in m.OpCounts)
        {
            sb.Append("  ").Append(op.PadRight(width)).Append(' ').Append(count.ToString(c).PadLeft(5)).Append('\n');
        }

        if (m.Values is not null)
        {
            Section(sb, "Values", m.Values, withProducer: true);
        }

        return sb.ToString();
    }

    /// <summary>Formats a byte count as B, KB, MB or GB (1024-based, one decimal).</summary>
    public static string Size(long bytes)
    {
        string[] units = ["B", "KB", "MB", "GB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B") : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static void Section(StringBuilder sb, string title, IReadOnlyList<InspectedValue> values, bool withProducer)
    {
        sb.Append(title).Append(":\n");
        var width = values.Count == 0 ? 0 : values.Max(v => v.Name.Length);
        var typeWidth = values.Count == 0 ? 0 : values.Max(v => v.Type.ToString().Length);
        foreach (var v in values)
        {
            sb.Append("  ").Append(v.Name.PadRight(width)).Append("  ");
            if (withProducer && v.Producer is not null)
            {
                sb.Append(v.Type.ToString().PadRight(typeWidth)).Append("  (").Append(v.Producer).Append(')');
            }
            else
            {
                sb.Append(v.Type);
            }

            sb.Append('\n');
        }
    }
}
