// The engine calls behind the `edgesdk` commands that do not run a pipeline: inspect and check a model, list
// and show device targets, generate the recipe schema and the diagnostics page, describe the loaded ONNX
// Runtime, compare two runs. Each returns text or a small record; the CLI only parses arguments and prints.
using EdgeSdk.IO;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Checking;
using EdgeSdk.Onnx.Inspection;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;
using EdgeSdk.Runtime;
using EdgeSdk.Targets;

namespace EdgeSdk.Api;

/// <summary>Entry points of the engine for adapters: the model, target and reference tools.</summary>
public static partial class EdgeEngine
{
    /// <summary>
    /// Describes a model: inputs and outputs, operator counts, parameters and size (an ONNX file), or the inputs and
    /// outputs ONNX Runtime reads from an ORT-format file (<c>model.ort</c>).
    /// </summary>
    /// <param name="modelPath">The model file.</param>
    /// <param name="withShapes">Whether to add every value's inferred type and shape (ONNX files).</param>
    /// <param name="json">Whether to return JSON (stable key order) instead of text.</param>
    /// <returns>The description, ending with a newline.</returns>
    public static string Inspect(string modelPath, bool withShapes, bool json)
    {
        if (File.Exists(modelPath) && OrtFormat.IsOrtFormat(modelPath))
        {
            return OrtModelDescription.Render(modelPath, json);
        }

        var inspection = ModelInspector.Inspect(modelPath, withShapes);
        return json ? ModelInspectionJson.Render(inspection) : ModelInspectionText.Render(inspection);
    }

    /// <summary>
    /// Checks a model for structural errors (dangling inputs, cycles, duplicate names, opset gaps, versions, external
    /// data), writing one line per finding and a summary line to <paramref name="output"/>.
    /// </summary>
    /// <param name="modelPath">The model file; an unreadable one throws <see cref="EdgeException"/>.</param>
    /// <param name="output">Where the findings go.</param>
    /// <returns>Whether the model has no errors (warnings allowed).</returns>
    public static bool CheckModel(string modelPath, TextWriter output) => ModelCheckRun.Run(modelPath, output) == 0;

    /// <summary>Lists the device profiles of <paramref name="targetsDirectory"/>, then the <c>host</c> profile.</summary>
    /// <param name="targetsDirectory">The folder of target profiles (a missing one lists only <c>host</c>).</param>
    public static TargetListing ListTargets(string targetsDirectory)
    {
        var catalog = TargetCatalog.Load(targetsDirectory);
        return new TargetListing(
            [.. catalog.Profiles.Append(TargetProfile.Host).Select(p => new TargetSummary(p.Name, p.Description))],
            catalog.Diagnostics);
    }

    /// <summary>Describes one device profile, every figure with its source; an unknown name throws <see cref="EdgeException"/> with a did-you-mean.</summary>
    /// <param name="targetsDirectory">The folder of target profiles.</param>
    /// <param name="name">The profile's name (case-insensitive), or <c>host</c>.</param>
    /// <returns>The lines to print.</returns>
    public static IReadOnlyList<string> DescribeTarget(string targetsDirectory, string name)
    {
        var catalog = TargetCatalog.Load(targetsDirectory);
        var target = string.Equals(name, TargetProfile.Host.Name, StringComparison.OrdinalIgnoreCase) ? TargetProfile.Host : catalog.Find(name);
        if (target is null)
        {
            var names = catalog.Names.Append(TargetProfile.Host.Name).ToList();
            throw new EdgeException(DiagnosticCatalog.Recipes.UnknownTarget, $"Unknown target '{name}'.{DidYouMean.Hint(name, names)} Known targets: {string.Join(", ", names)}.");
        }

        return [.. TargetProfileFormatter.Lines(target)];
    }

    /// <summary>Generates the recipe JSON Schema (<c>recipes/recipe.schema.json</c>) from the recipe loader and the passes' option declarations.</summary>
    /// <param name="targetsDirectory">The folder of target profiles, whose names the schema lists.</param>
    public static string RecipeSchema(string targetsDirectory) =>
        RecipeSchemaGenerator.Generate(PassCatalog.All, TargetCatalog.Load(targetsDirectory).Names);

    /// <summary>Returns <paramref name="readme"/> (the text of <c>recipes/README.md</c>) with its generated pass-options section rewritten.</summary>
    /// <param name="readme">The README's text.</param>
    public static string WithPassOptionsSection(string readme) =>
        PassOptionsMarkdown.Replace(readme, PassOptionsMarkdown.Generate(PassCatalog.All));

    /// <summary>Generates <c>docs/diagnostics.md</c> from the diagnostics catalogue.</summary>
    public static string DiagnosticsPage() => DiagnosticsDocument.Render();

    /// <summary>Describes the ONNX Runtime the engine loads; a library that cannot be loaded throws <see cref="EdgeException"/> (EDGE3001, every probed path).</summary>
    public static RuntimeDescription DescribeRuntime()
    {
        var runtime = OrtRuntime.Instance;
        return new RuntimeDescription(runtime.Version, OrtRuntime.PackageVersion, OrtNativeLocator.HostRid(), runtime.LibraryPath, runtime.Providers);
    }

    /// <summary>
    /// Compares two runs and renders the changes as Markdown; a change worse than a threshold is an EDGE error in
    /// <see cref="RunComparison.Regressions"/>. Unreadable input or malformed thresholds throw <see cref="EdgeException"/>.
    /// </summary>
    /// <param name="basePath">The base run: a <c>manifest.json</c>, an output folder (<c>edge/&lt;model&gt;</c>) or a folder of them.</param>
    /// <param name="headPath">The head run, in the same form.</param>
    /// <param name="failOn">Thresholds as <c>--fail-on</c> takes them (e.g. <c>accuracy=0.5pt,latency_p90=10%</c>), or null for none.</param>
    public static RunComparison CompareRuns(string basePath, string headPath, string? failOn)
    {
        var thresholds = failOn is null ? [] : RegressionThreshold.ParseList(failOn);
        var diffs = ManifestDiff.Compare(ManifestSource.Load(basePath), ManifestSource.Load(headPath), thresholds);
        var regressions = diffs.SelectMany(d => d.Regressions)
            .Select(r => EdgeDiagnostic.Error(
                DiagnosticCatalog.Evaluation.RegressionBeyondThreshold,
                $"{r.Measure.Label} regressed beyond --fail-on {r.Exceeded!.Text}: {r.Measure.Format(r.Base)} -> {r.Measure.Format(r.Head)} ({r.Change.Text})."))
            .ToList();
        return new RunComparison(ManifestDiff.ToMarkdown(diffs, thresholds), regressions);
    }

    /// <summary>Writes UTF-8 text (no BOM) to <paramref name="path"/> atomically, as the engine writes its own files: readers see the old file or the new one, never a mix.</summary>
    /// <param name="path">The file (its folder is created).</param>
    /// <param name="text">The text.</param>
    public static void WriteFile(string path, string text) => AtomicFile.WriteAllText(path, text);

    /// <summary>Formats a byte count the way reports and cache statistics do (e.g. <c>1.2 MB</c>).</summary>
    /// <param name="bytes">The count.</param>
    public static string FormatSize(long bytes) => Caching.ByteSize.Format(bytes);
}
