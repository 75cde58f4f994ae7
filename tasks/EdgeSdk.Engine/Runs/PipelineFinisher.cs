// The last step of every run: judges budgets, then assembles the artifacts (model.onnx, model.ort, report.md,
// report.html, manifest.json) in the work folder and decides where that set is published. Files are rewritten only
// when their content changes, so incremental copies stay cheap and timestamps stay meaningful.
// The publishing rule lives here, once: a set is always published whole (its manifest lists exactly its files).
// Budgets met: to the output folder (bin/…/edge/<model>/). A budget missed: the output folder is left exactly as it
// was (the last good set, whole), and the failed set goes to the work folder's failed/ (obj/…/edge/<model>/failed/),
// which every budget diagnostic and the build's summary line name, so a CI step can still post the failing report.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.IO;
using EdgeSdk.Onnx;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Reports;

namespace EdgeSdk.Runs;

/// <summary>An artifact ready to be copied to the output folder.</summary>
/// <param name="Path">Full path in the work folder.</param>
/// <param name="Kind"><c>model</c> or <c>report</c> (reports are copied even when a budget fails).</param>
internal sealed record Artifact(string Path, string Kind);

/// <summary>The outcome of finishing a pipeline.</summary>
/// <param name="Manifest">The manifest written.</param>
/// <param name="Artifacts">Artifacts to copy.</param>
/// <param name="IntermediateFiles">Every work file the run wrote (for cleaning).</param>
/// <param name="Diagnostics">Budget diagnostics.</param>
/// <param name="PublishDirectory">
/// Where the whole set is published: the model's output folder when every budget is met, else the work folder's
/// <c>failed/</c> (the output folder keeps its last good set).
/// </param>
internal sealed record FinishResult(Manifest Manifest, IReadOnlyList<Artifact> Artifacts, IReadOnlyList<string> IntermediateFiles, IReadOnlyList<EdgeDiagnostic> Diagnostics, string PublishDirectory)
{
    /// <summary>Gets whether no error was found (every error budget met, the target fits, a search found a feasible trial).</summary>
    public bool Passed => !Failed(Diagnostics);

    /// <summary>Gets the artifacts to publish to <see cref="PublishDirectory"/>: always the whole set.</summary>
    public IReadOnlyList<Artifact> Publish => Artifacts;

    /// <summary>Gets the published report.md (in <see cref="PublishDirectory"/>).</summary>
    public string ReportPath => Path.Combine(PublishDirectory, "report.md");

    /// <summary>Whether <paramref name="diagnostics"/> hold an error, i.e. the run failed.</summary>
    internal static bool Failed(IEnumerable<EdgeDiagnostic> diagnostics) => diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
}

/// <summary>Judges budgets and writes the artifacts.</summary>
internal static class PipelineFinisher
{
    /// <summary>Finishes <paramref name="plan"/>: judges it and decides where its set is published (see the file header).</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="outputDirectory">The model's output folder (bin/…/edge/&lt;model&gt;/), where a run that meets its budgets publishes.</param>
    /// <param name="cache">The step cache, which also serves model.ort so that it is byte-identical across machines; null for none.</param>
    /// <param name="report">The sink for cache warnings.</param>
    /// <param name="host">The machine running the build, whose host-dependent step warnings the report shows (null: this one).</param>
    public static FinishResult Finish(Recipe recipe, PipelinePlan plan, string outputDirectory, Caching.StepCache? cache = null, Action<EdgeDiagnostic>? report = null, Targets.TargetProfile? host = null)
    {
        var evaluation = EvaluationRecord.TryRead(plan.EvaluationFile)
            ?? throw new EdgeException(DiagnosticCatalog.Sdk.PipelineStateMissing, $"The evaluation results '{plan.EvaluationFile}' are missing; the evaluation step did not run. Rebuild.");
        // Read under the work folder's lock and checked against the plan: never another build's records or model.
        var (stored, finalModel, finalSha) = WorkFolder.ReadForFinish(plan);
        // evaluation.json is replaced (atomically) by whichever build of this project evaluated last, with no lock
        // between its write and this read: a build of another plan of this model (its recipe or model changed)
        // may have replaced it meanwhile. Budgets are judged only on measurements of this plan's stage models:
        // the input, each step's recorded output and the final model as read above (the last stage).
        var stageShas = plan.StageModels.SkipLast(1)
            .Select((path, i) => i == 0 ? Fingerprint.FileSha256(path) : stored[i - 1].OutputSha256 ?? Fingerprint.FileSha256(path))
            .Append(finalSha)
            .ToList();

        if (!StageEvaluator.IsFor(evaluation, plan, recipe, stageShas))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.WorkFolderChanged,
                $"{plan.ModelName}: the evaluation results '{plan.EvaluationFile}' measure other models or settings than this build's (another build of this project evaluated another plan of this model while this one ran); no budget was judged and nothing was published. Rebuild.");
        }

        var records = plan.Steps.Zip(stored, (s, r) => StepHostWarnings.ForHost(r, recipe, s, host ?? Targets.TargetProfile.Host)).ToList();
        var (budgetOutcomes, budgetDiagnostics) = BudgetGate.Judge(recipe.Budgets, evaluation.Stages[0], evaluation.Stages[^1], Path.Combine(outputDirectory, "report.md"));
        var (fitOutcomes, fitDiagnostics) = BudgetGate.JudgeTargetFit(recipe.Target, recipe.TargetLocation, evaluation.Stages[^1]);
        var outcomes = budgetOutcomes.Concat(fitOutcomes).ToList();
        var slower = StageSlowdowns.Find(evaluation.Stages, plan.Steps.Select(s => (SourceLocation?)recipe.Passes[s.RecipeIndex].Location).ToList(), evaluation.Machine);
        var providers = ProviderFallbackWarnings.Find(evaluation.Stages, recipe.Target, recipe.TargetLocation);
        var search = recipe.Search is not null ? Search.SearchRecord.TryRead(Search.SearchRecord.PathIn(plan.WorkDirectory)) : null;
        var noTrial = search is { Feasible: false }
            ? new[] { Search.TrialSelector.NoFeasibleTrial(Search.TrialSelector.Select(search.Trials, search.Baseline, recipe.Budgets, recipe.Target, recipe.Search!.Objective), recipe.Search.Location) }
            : [];
        var failed = FinishResult.Failed(budgetDiagnostics.Concat(fitDiagnostics).Concat(slower).Concat(providers).Concat(noTrial));
        var publishDirectory = failed ? plan.FailedDirectory : outputDirectory;
        if (failed)
        {
            // The budget messages point at the report users will find: the failed set's (judging is pure and cheap).
            budgetDiagnostics = BudgetGate.Judge(recipe.Budgets, evaluation.Stages[0], evaluation.Stages[^1], Path.Combine(publishDirectory, "report.md")).Diagnostics;
        }

        var diagnostics = budgetDiagnostics.Concat(fitDiagnostics).Concat(slower).Concat(providers).Concat(noTrial).ToList();

        var dir = plan.ArtifactsDirectory;
        Directory.CreateDirectory(dir);
        // The set is written under its folder's lock, which a publish takes to copy it: two builds of one project
        // finishing at once each write a whole set in turn, and a publish copies one of them whole.
        using var setLock = ArtifactSetPublisher.LockSourceSet(dir);
        var modelArtifact = Path.Combine(dir, "model.onnx");
        var ortArtifact = Path.Combine(dir, "model.ort");
        // model.ort is reused only while it is the recorded conversion of this model.onnx (OrtArtifactRecord).
        if (WriteIfChanged(modelArtifact, finalModel) || !OrtArtifactRecord.IsCurrent(modelArtifact, ortArtifact, plan.ModelName, report ?? (_ => { })))
        {
            OrtArtifactCache.Write(modelArtifact, ortArtifact, cache, report ?? (_ => { }));
            OrtArtifactRecord.Write(modelArtifact, ortArtifact);
        }

        var warnings = records.SelectMany(r => r.Warnings.Select(w => $"{r.Name}: {w}"))
            .Concat(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Message))
            .ToList();
        var recipeDir = Path.GetDirectoryName(plan.RecipePath)!;
        var passes = new List<ManifestPass>();
        var stepIndex = 0;
        foreach (var spec in recipe.Passes)
        {
            if (!spec.Enabled)
            {
                passes.Add(new ManifestPass(spec.Name, spec.Kind, "disabled", 0, [], new SortedDictionary<string, double>()));
                continue;
            }

            var r = records[stepIndex++];
            passes.Add(new ManifestPass(r.Name, r.Kind, r.Status, r.Seconds, r.Summary, r.Figures) { Source = r.Source, Facts = r.Facts });
        }

        var reportPath = Path.Combine(dir, "report.md");
        var inputs = new List<ManifestFile> { Describe("model", plan.ModelPath, recipeDir), Describe("recipe", plan.RecipePath, recipeDir) };
        foreach (var (role, spec) in new (string, DataSetSpec?)[] { ("calibration", recipe.Data.Calibration), ("training", recipe.Data.Training), ("evaluation", recipe.Data.Evaluation) })
        {
            inputs.AddRange((spec is null ? [] : DataSetSpecFiles.Files(spec)).Select(f => Describe("data:" + role, f, recipeDir)));
        }
        Manifest Build(IReadOnlyList<ManifestFile> artifacts) => new()
        {
            EdgeSdk = Fingerprint.EngineVersion,
            Model = plan.ModelName,
            Target = recipe.Target.Name,
            Metrics = recipe.Evaluate.Metrics,
            Inputs = inputs,
            Artifacts = artifacts,
            Passes = passes,
            Stages = evaluation.Stages,
            Budgets = outcomes,
            Search = search is null ? null : Search.SearchManifest.From(search),
        };

        // The report is rendered from the manifest (without artifact hashes), then the manifest lists the report's hash.
        var draft = Build([]);
        WriteIfChanged(reportPath, Utf8(MarkdownReportWriter.Render(draft, warnings, evaluation.Machine)));
        var htmlPath = Path.Combine(dir, "report.html");
        WriteIfChanged(htmlPath, Utf8(HtmlReportWriter.Render(draft, warnings, evaluation.Machine)));
        var manifest = Build([Describe("model", modelArtifact, dir), Describe("model", ortArtifact, dir), Describe("report", reportPath, dir), Describe("report", htmlPath, dir)]);
        var manifestPath = Path.Combine(dir, "manifest.json");
        WriteIfChanged(manifestPath, Utf8(manifest.ToJson()));
        setLock.Dispose(); // released here; disposing again at the end of the method does nothing

        var intermediates = plan.Steps.SelectMany(s => new[] { s.OutputModel, s.RecordFile, s.FingerprintFile })
            .Concat([plan.EvaluationFile, plan.EvaluationFingerprintFile, modelArtifact, ortArtifact, OrtArtifactRecord.PathOf(ortArtifact), reportPath, htmlPath, manifestPath])
            .ToList();
        Artifact[] artifacts = [new(modelArtifact, "model"), new(ortArtifact, "model"), new(reportPath, "report"), new(htmlPath, "report"), new(manifestPath, "report")];
        if (!failed)
        {
            // A run that passes removes the set an earlier run failed with, so failed/ only ever describes the last run.
            new ArtifactSetPublisher(plan.WorkDirectory, PipelinePlan.FailedFolderName).Remove();
        }

        return new FinishResult(manifest, artifacts, intermediates, diagnostics, publishDirectory);
    }

    private static ManifestFile Describe(string role, string path, string relativeTo) =>
        new(role, Path.GetRelativePath(relativeTo, path).Replace('\\', '/'), new FileInfo(path).Length, Fingerprint.FileSha256(path));

    private static byte[] Utf8(string text) => new System.Text.UTF8Encoding(false).GetBytes(text);

    /// <summary>Writes the file unless it already holds these bytes; returns whether it wrote.</summary>
    private static bool WriteIfChanged(string path, byte[] bytes)
    {
        if (File.Exists(path) && new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        AtomicFile.WriteAllBytes(path, bytes);
        return true;
    }
}
