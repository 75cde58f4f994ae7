// The resolved plan of one model, written once per build by planning (the EdgePlan task, `edgesdk run`)
// to <work>/plan.json: the recipe after `extends` and ${Name} substitution, the steps with their
// fingerprints, and the digests of the model and data. Every later step (run a step, evaluate, finish)
// reads this file instead of parsing the recipe and hashing the model and data again.
using EdgeSdk.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeSdk.Recipes;

namespace EdgeSdk.Pipeline;

/// <summary>A recipe and its plan, as stored in <c>plan.json</c>.</summary>
/// <param name="Format">The file format version; a file of another version is planned again.</param>
/// <param name="EngineVersion">The engine that wrote it.</param>
/// <param name="Recipe">The validated recipe.</param>
/// <param name="Plan">The plan.</param>
internal sealed record PlanFile(int Format, string EngineVersion, Recipe Recipe, PipelinePlan Plan)
{
    /// <summary>The current format version.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The file name under the model's work folder.</summary>
    public const string FileName = "plan.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new BoundPassOptionsJsonConverter() },
    };

    /// <summary>Gets the path of the plan file of <paramref name="plan"/>.</summary>
    public static string PathOf(PipelinePlan plan) => Path.Combine(plan.WorkDirectory, FileName);

    /// <summary>Serializes a recipe and its plan.</summary>
    public static string ToJson(Recipe recipe, PipelinePlan plan) =>
        JsonSerializer.Serialize(new PlanFile(CurrentFormat, Fingerprint.EngineVersion, recipe, plan), Json) + "\n";

    /// <summary>Writes <c>plan.json</c> (atomically, only when its content changed) and returns its path.</summary>
    public static string Write(Recipe recipe, PipelinePlan plan)
    {
        var path = PathOf(plan);
        var bytes = new UTF8Encoding(false).GetBytes(ToJson(recipe, plan));
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            Directory.CreateDirectory(plan.WorkDirectory);
            EdgeSdk.IO.AtomicFile.WriteAllBytes(path, bytes);
        }

        return path;
    }

    /// <summary>Reads a plan file; throws EDGE0005 when it is missing, unreadable or from another engine.</summary>
    public static PlanFile Read(string path)
    {
        PlanFile? file;
        try
        {
            file = File.Exists(path) ? JsonSerializer.Deserialize<PlanFile>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.PipelineStateMissing, $"The plan '{path}' is not readable ({ex.Message}); it is written by planning (the EdgePlan target). Rebuild.", new SourceLocation(path), ex);
        }

        if (file is null || file.Format != CurrentFormat || file.EngineVersion != Fingerprint.EngineVersion)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.PipelineStateMissing, $"The plan '{path}' is missing or was written by another EdgeSdk; it is written by planning (the EdgePlan target). Rebuild.", new SourceLocation(path));
        }

        return file;
    }
}
