// The up-to-date record of one project's EdgeSdk build (obj/…/edge/.edge-uptodate.json). EdgePlan writes the plan
// part (the key of its parameters, the stamps of every input planning read, the items it returned and the recipe's
// diagnostics) to .edge-plan.json; EdgeGate, once every pipeline passed, adds the stamps of every work file and
// artifact and what it logged and returned. A later build whose key and stamps all match is a no-op: EdgePlan and
// EdgeGate replay the record instead of loading the engine, the recipe parser and ONNX Runtime. Read and written
// with System.Text.Json's reader and writer only (no serializer start-up cost); any unreadable record is absent.
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks.UpToDate;

/// <summary>An item with its custom metadata.</summary>
/// <param name="ItemSpec">The item.</param>
/// <param name="Metadata">Its custom metadata.</param>
internal sealed record RecordedItem(string ItemSpec, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Records <paramref name="item"/>.</summary>
    public static RecordedItem Of(ITaskItem item)
    {
        var metadata = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in item.CloneCustomMetadata())
        {
            metadata[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        return new RecordedItem(item.ItemSpec, metadata);
    }

    /// <summary>Creates the item again, with <paramref name="extra"/> metadata added.</summary>
    public TaskItem ToItem(params (string Name, string Value)[] extra)
    {
        var item = new TaskItem(ItemSpec);
        foreach (var (name, value) in Metadata.Select(m => (m.Key, m.Value)).Concat(extra))
        {
            item.SetMetadata(name, value);
        }

        return item;
    }
}

/// <summary>What EdgePlan recorded.</summary>
/// <param name="Key">The digest of its parameters, the SDK build and the host.</param>
/// <param name="Inputs">Every input of planning, stamped when it was read.</param>
/// <param name="Steps">The step items it returned.</param>
/// <param name="Pipelines">The pipeline items it returned.</param>
/// <param name="Diagnostics">The recipes' diagnostics it logged.</param>
/// <param name="UsedProperties">Whether a recipe used a build property (then their values are part of the key).</param>
internal sealed record PlanRecord(string Key, IReadOnlyList<StampedPath> Inputs, IReadOnlyList<RecordedItem> Steps, IReadOnlyList<RecordedItem> Pipelines, IReadOnlyList<LoggedDiagnostic> Diagnostics, bool UsedProperties);

/// <summary>What EdgeGate logged and returned for one pipeline.</summary>
/// <param name="PlanFile">The pipeline's plan file.</param>
/// <param name="Diagnostics">The warnings it showed (those of every step, as for steps MSBuild skips, then the gate's).</param>
/// <param name="Summary">The summary line.</param>
/// <param name="Artifacts">The artifacts it returned.</param>
/// <param name="IntermediateFiles">The work files it returned.</param>
internal sealed record GateRecord(string PlanFile, IReadOnlyList<LoggedDiagnostic> Diagnostics, string Summary, IReadOnlyList<RecordedItem> Artifacts, IReadOnlyList<string> IntermediateFiles);

/// <summary>The whole record.</summary>
/// <param name="Plan">The plan part.</param>
/// <param name="OutputDirectory">The output root EdgeGate was given.</param>
/// <param name="Work">Every work file and artifact, stamped after the gate.</param>
/// <param name="Gates">One entry per pipeline.</param>
internal sealed record UpToDateRecord(PlanRecord Plan, string OutputDirectory, IReadOnlyList<StampedPath> Work, IReadOnlyList<GateRecord> Gates)
{
    private const int Format = 1;

    /// <summary>Gets the path of the plan part in <paramref name="intermediateDirectory"/>.</summary>
    public static string PlanPath(string intermediateDirectory) => Path.Combine(intermediateDirectory, ".edge-plan.json");

    /// <summary>Gets the path of the whole record in <paramref name="intermediateDirectory"/>.</summary>
    public static string RecordPath(string intermediateDirectory) => Path.Combine(intermediateDirectory, ".edge-uptodate.json");

    /// <summary>Gets whether every recorded input and work file still has its stamp.</summary>
    public bool IsCurrent => Plan.Inputs.All(i => i.IsCurrent) && Work.All(w => w.IsCurrent);

    /// <summary>Reads the plan part, or null when it is missing or unreadable.</summary>
    public static PlanRecord? ReadPlan(string path) => Read(path, root => ReadPlan(root.GetProperty("plan")));

    /// <summary>Reads the whole record, or null when it is missing or unreadable.</summary>
    public static UpToDateRecord? Read(string path) => Read(path, root => new UpToDateRecord(
        ReadPlan(root.GetProperty("plan")),
        root.GetProperty("outputDirectory").GetString()!,
        Array(root, "work", ReadStamp),
        Array(root, "gates", g => new GateRecord(
            g.GetProperty("planFile").GetString()!,
            Array(g, "diagnostics", ReadDiagnostic),
            g.GetProperty("summary").GetString()!,
            Array(g, "artifacts", ReadItem),
            Array(g, "intermediateFiles", e => e.GetString()!)))));

    /// <summary>Writes the plan part.</summary>
    public static void WritePlan(string path, PlanRecord plan) => Write(path, w =>
    {
        w.WritePropertyName("plan");
        WritePlan(w, plan);
    });

    /// <summary>Writes the whole record.</summary>
    public void Write(string path) => Write(path, w =>
    {
        w.WritePropertyName("plan");
        WritePlan(w, Plan);
        w.WriteString("outputDirectory", OutputDirectory);
        WriteArray(w, "work", Work, WriteStamp);
        WriteArray(w, "gates", Gates, (w, g) =>
        {
            w.WriteStartObject();
            w.WriteString("planFile", g.PlanFile);
            WriteArray(w, "diagnostics", g.Diagnostics, WriteDiagnostic);
            w.WriteString("summary", g.Summary);
            WriteArray(w, "artifacts", g.Artifacts, WriteItem);
            WriteArray(w, "intermediateFiles", g.IntermediateFiles, (w, f) => w.WriteStringValue(f));
            w.WriteEndObject();
        });
    });

    /// <summary>Deletes the record files in <paramref name="intermediateDirectory"/> (the whole record, and the plan part too when asked).</summary>
    public static void Delete(string intermediateDirectory, bool planToo)
    {
        if (Directory.Exists(intermediateDirectory))
        {
            File.Delete(RecordPath(intermediateDirectory));
            if (planToo)
            {
                File.Delete(PlanPath(intermediateDirectory));
            }
        }
    }

    private static T? Read<T>(string path, Func<JsonElement, T> read)
        where T : class
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.GetProperty("format").GetInt32() == Format ? read(doc.RootElement) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // The record only saves work: a file that cannot be written (another build holds it) means the next build plans.
    private static void Write(string path, Action<Utf8JsonWriter> body)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = File.Create(temp))
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                w.WriteStartObject();
                w.WriteNumber("format", Format);
                body(w);
                w.WriteEndObject();
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private static PlanRecord ReadPlan(JsonElement e) => new(
        e.GetProperty("key").GetString()!,
        Array(e, "inputs", ReadStamp),
        Array(e, "steps", ReadItem),
        Array(e, "pipelines", ReadItem),
        Array(e, "diagnostics", ReadDiagnostic),
        e.GetProperty("usedProperties").GetBoolean());

    private static void WritePlan(Utf8JsonWriter w, PlanRecord plan)
    {
        w.WriteStartObject();
        w.WriteString("key", plan.Key);
        WriteArray(w, "inputs", plan.Inputs, WriteStamp);
        WriteArray(w, "steps", plan.Steps, WriteItem);
        WriteArray(w, "pipelines", plan.Pipelines, WriteItem);
        WriteArray(w, "diagnostics", plan.Diagnostics, WriteDiagnostic);
        w.WriteBoolean("usedProperties", plan.UsedProperties);
        w.WriteEndObject();
    }

    private static List<T> Array<T>(JsonElement parent, string name, Func<JsonElement, T> read) =>
        [.. parent.GetProperty(name).EnumerateArray().Select(read)];

    private static void WriteArray<T>(Utf8JsonWriter w, string name, IEnumerable<T> values, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            write(w, value);
        }

        w.WriteEndArray();
    }

    private static StampedPath ReadStamp(JsonElement e) => new(
        e.GetProperty("path").GetString()!,
        e.TryGetProperty("list", out var list) ? list.GetString() : null,
        e.TryGetProperty("recursive", out var recursive) && recursive.GetBoolean(),
        e.GetProperty("stamp").GetString()!);

    private static void WriteStamp(Utf8JsonWriter w, StampedPath s)
    {
        w.WriteStartObject();
        w.WriteString("path", s.Path);
        if (s.ListPattern is not null)
        {
            w.WriteString("list", s.ListPattern);
            w.WriteBoolean("recursive", s.Recursive);
        }

        w.WriteString("stamp", s.Stamp);
        w.WriteEndObject();
    }

    private static RecordedItem ReadItem(JsonElement e) => new(
        e.GetProperty("item").GetString()!,
        e.GetProperty("metadata").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal));

    private static void WriteItem(Utf8JsonWriter w, RecordedItem item)
    {
        w.WriteStartObject();
        w.WriteString("item", item.ItemSpec);
        w.WriteStartObject("metadata");
        foreach (var (name, value) in item.Metadata)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static LoggedDiagnostic ReadDiagnostic(JsonElement e) => new(
        e.GetProperty("severity").GetString()!,
        e.TryGetProperty("code", out var code) ? code.GetString() : null,
        e.TryGetProperty("file", out var file) ? file.GetString() : null,
        e.GetProperty("line").GetInt32(),
        e.GetProperty("column").GetInt32(),
        e.GetProperty("message").GetString()!);

    private static void WriteDiagnostic(Utf8JsonWriter w, LoggedDiagnostic d)
    {
        w.WriteStartObject();
        w.WriteString("severity", d.Severity);
        if (d.Code is not null)
        {
            w.WriteString("code", d.Code);
        }

        if (d.File is not null)
        {
            w.WriteString("file", d.File);
        }

        w.WriteNumber("line", d.Line);
        w.WriteNumber("column", d.Column);
        w.WriteString("message", d.Message);
        w.WriteEndObject();
    }
}
