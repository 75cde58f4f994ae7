// The small public API of the engine: load and plan a recipe once (writing plan.json), then run a step,
// evaluate and finish from that plan file. The MSBuild tasks use only this; everything behind it is internal.
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;

namespace EdgeSdk.Api;

/// <summary>Entry points of the engine for adapters (MSBuild tasks, command line).</summary>
public static partial class EdgeEngine
{
    /// <summary>Parses build properties given as <c>Name=Value</c> entries (EDGE0020 malformed, EDGE0021 duplicate; thrown as <see cref="EdgeException"/>).</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="origin">How the user gave them (e.g. <c>--property</c>), for messages.</param>
    /// <param name="file">The file they were given in (a project file), or null.</param>
    public static IReadOnlyDictionary<string, string> ParseProperties(IEnumerable<string> entries, string origin, string? file = null) =>
        RecipeProperties.Parse(entries, origin, file is null ? null : new SourceLocation(file));

    /// <summary>Parses MSBuild's <c>A=1;B=2</c> property list with the same rules as <see cref="ParseProperties(IEnumerable{string}, string, string?)"/>.</summary>
    /// <param name="text">The list.</param>
    /// <param name="origin">The property's name, for messages.</param>
    /// <param name="file">The project file, or null.</param>
    public static IReadOnlyDictionary<string, string> ParseProperties(string text, string origin, string? file = null) =>
        RecipeProperties.ParseList(text, origin, file is null ? null : new SourceLocation(file));

    /// <summary>
    /// Checks the output folder names of all models of one project before any is planned: items whose names clash
    /// (EDGE0032: <c>a/model.onnx</c> and <c>b/model.onnx</c>, or one model listed twice) or whose <c>OutputName</c> is
    /// not a plain folder name (EDGE0033) are returned and must not be planned.
    /// </summary>
    /// <param name="models">The project's models, in item order.</param>
    /// <param name="projectFile">The project file, for locations, or null.</param>
    public static IReadOnlyList<OutputNameProblem> CheckOutputNames(IReadOnlyList<ModelOutputRequest> models, string? projectFile)
    {
        ArgumentNullException.ThrowIfNull(models);
        return [.. OutputNames.Check([.. models.Select(m => new OutputNameEntry(m.Item, m.ModelPath, m.OutputName))], projectFile)
            .Select(p => new OutputNameProblem(p.Index, p.Error))];
    }

    /// <summary>
    /// Loads the recipe (the only time a build reads it), plans the steps, writes each step's fingerprint file
    /// (only when it changed) and the resolved plan <c>plan.json</c>, and returns the plan. A recipe with a <c>search:</c>
    /// section is searched first (with <paramref name="settings"/>); the chosen trial's recipe and plan are written.
    /// </summary>
    public static PlanResult Plan(PlanRequest request, RunSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var loaded = RecipeLoader.Load(request.RecipePath, new RecipeLoadOptions
        {
            ModelOverride = request.ModelPath,
            TargetsDirectory = request.TargetsDirectory,
            StockRecipesDirectory = request.StockRecipesDirectory,
            Properties = request.Properties,
        });
        if (!loaded.Succeeded || loaded.Recipe is null)
        {
            return new PlanResult(null, loaded.Diagnostics);
        }

        var recipe = loaded.Recipe;
        var model = request.ModelPath ?? recipe.ModelPath;
        if (string.IsNullOrEmpty(model))
        {
            // The recipe's warnings come first, as they would had it named a model.
            throw new EdgeException([.. loaded.Diagnostics, EdgeDiagnostic.Error(DiagnosticCatalog.Sdk.ModelNotGiven, "The recipe names no model; add 'model:' to the recipe or pass --model.", new SourceLocation(recipe.SourcePath))]);
        }

        var options = Options(settings ?? new RunSettings());
        if (recipe.Search is not null)
        {
            recipe = Cancellable(() => Search.SearchRunner.Run(recipe, model, request.IntermediateDirectory, request.OutputName, options).Recipe);
        }

        var plan = PipelinePlanner.Plan(recipe, model, request.IntermediateDirectory, request.OutputName, options.Threads);
        PipelinePlanner.WriteFingerprints(plan);
        var repaired = WorkFileCheck.Repair(plan);
        if (recipe.Search is not null)
        {
            Cancellable(() =>
            {
                Search.SearchRunner.Prefill(recipe, plan, options);
                return true;
            });
        }

        var file = PlanFile.Write(recipe, plan);
        var inputs = recipe.Search is not null
            ? null
            : PlanInputs.Of(recipe, plan, request.TargetsDirectory, request.StockRecipesDirectory).Select(i => new PlanInput(i.Path, i.ListPattern, i.Recursive)).ToList();
        return new PlanResult(Describe(file, plan) with { Inputs = inputs, UsedProperties = loaded.UsedProperties }, [.. loaded.Diagnostics, .. repaired]) { RecipeDiagnostics = loaded.Diagnostics };
    }

    /// <summary>Reads the pipeline described by a plan file.</summary>
    public static PlannedPipeline Open(string planFile) => Describe(planFile, PlanFile.Read(planFile).Plan);

    /// <summary>Runs step <paramref name="stepIndex"/> (1-based) of the plan.</summary>
    public static StepOutcome RunStep(string planFile, int stepIndex, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = PlanFile.Read(planFile);
        if (stepIndex < 1 || stepIndex > file.Plan.Steps.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(stepIndex), stepIndex, $"The plan has {file.Plan.Steps.Count} step(s).");
        }

        var step = file.Plan.Steps[stepIndex - 1];
        var record = Cancellable(() => StepRunner.Run(file.Recipe, file.Plan, step, Options(settings)));
        return new StepOutcome(file.Plan.ModelName, Describe(step), file.Plan.Steps.Count, record.Summary, record.Source);
    }

    /// <summary>Measures every stage unless the recorded evaluation is current; returns whether it measured.</summary>
    public static bool Evaluate(string planFile, RunSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var file = PlanFile.Read(planFile);
        return Cancellable(() => StageEvaluator.EnsureEvaluated(file.Recipe, file.Plan, Options(settings)));
    }

    /// <summary>
    /// Gets the warnings recorded by steps whose records were written before <paramref name="buildStartedUtc"/> (steps this
    /// build skipped), so a no-op build shows them again.
    /// </summary>
    public static IReadOnlyList<EdgeDiagnostic> WarningsOfSkippedSteps(string planFile, DateTime buildStartedUtc) =>
        WarningsOfSkippedSteps(planFile, buildStartedUtc, Targets.TargetProfile.Host);

    /// <summary>Gets the warnings of skipped steps, with host-dependent ones recomputed for <paramref name="host"/> (tests simulate hosts).</summary>
    internal static IReadOnlyList<EdgeDiagnostic> WarningsOfSkippedSteps(string planFile, DateTime buildStartedUtc, Targets.TargetProfile host)
    {
        var file = PlanFile.Read(planFile);
        return [.. file.Plan.Steps
            .Where(s => File.Exists(s.RecordFile) && File.GetLastWriteTimeUtc(s.RecordFile) < buildStartedUtc)
            .SelectMany(s => StepRecord.TryRead(s.RecordFile) is { } r ? StepHostWarnings.ForHost(r, file.Recipe, s, host).Diagnostics : [])
            .Select(d => d.ToWarning())];
    }

    /// <summary>Judges budgets and assembles the artifacts; <paramref name="outputDirectory"/> is the output root (<c>$(OutDir)edge/</c>), used where messages point at the report.</summary>
    /// <param name="planFile">The plan file.</param>
    /// <param name="outputDirectory">The output root.</param>
    /// <param name="cache">The open step cache model.ort may come from, or null.</param>
    /// <param name="report">A sink for cache warnings, or null.</param>
    public static FinishOutcome Finish(string planFile, string outputDirectory, EdgeStepCache? cache = null, Action<EdgeDiagnostic>? report = null)
    {
        var file = PlanFile.Read(planFile);
        var reportPath = Path.Combine(outputDirectory, file.Plan.ModelName, "report.md");
        return Outcome(file, planFile, reportPath, PipelineFinisher.Finish(file.Recipe, file.Plan, reportPath, cache?.Cache, report));
    }

    private static FinishOutcome Outcome(PlanFile file, string planFile, string reportPath, FinishResult result)
    {
        var plan = file.Plan;
        var f = result.Manifest.Final;
        var metric = file.Recipe.Evaluate.Metrics[0];
        var headline = BudgetGate.MetricValue(f, metric);
        var summary = $"{plan.ModelName}: {(result.Manifest.Passed ? "budgets met" : "budget missed")}"
            + (headline is { } value ? $", {metric} {MetricVerdicts.Format(MetricDefinition.Of(metric), value)}" : string.Empty)
            + (f.Latency is { } l ? $", p90 {BudgetGate.Ms(l.P90Ms)}" : string.Empty)
            + $", {BudgetGate.Size(f.Bytes)} -> {reportPath}";
        return new FinishOutcome(
            plan.ModelName,
            !result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error),
            result.Publish.Select(a => new PublishedArtifact(a.Path, a.Kind)).ToList(),
            [.. result.IntermediateFiles, planFile],
            result.Diagnostics,
            summary);
    }

    /// <summary>
    /// Publishes the artifacts <see cref="Finish"/> returned to <c>&lt;outputDirectory&gt;/&lt;modelName&gt;/</c> as one set:
    /// staged beside it, fsynced, checked against the manifest's digests and swapped in atomically, under a per-model
    /// lock; a publish killed half-way is completed or undone first. Files the set does not name are kept (after a
    /// missed budget only the reports come). Failures are EDGE0003.
    /// </summary>
    /// <param name="outputDirectory">The output root (<c>$(OutDir)edge/</c>).</param>
    /// <param name="modelName">The model's folder name.</param>
    /// <param name="files">The artifacts (full paths), published under their file names.</param>
    /// <param name="cancellation">Cancels waiting for another build's lock (never a swap under way).</param>
    public static PublishOutcome Publish(string outputDirectory, string modelName, IReadOnlyList<string> files, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        try
        {
            var result = Cancellable(() => new IO.ArtifactSetPublisher(outputDirectory, modelName).Publish(files, cancellation));
            return new PublishOutcome(result.Files, result.Changed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.ArtifactWriteFailed, $"Could not publish the artifacts of '{modelName}' to '{Path.Combine(outputDirectory, modelName)}': {ex.Message} The folder holds the last complete set.");
        }
    }

    /// <summary>
    /// Describes an exception no EDGE diagnostic covers as one EDGE0099 "internal error" diagnostic, or returns null for
    /// the exceptions adapters handle themselves (<see cref="EdgeException"/>, cancellation).
    /// </summary>
    public static EdgeDiagnostic? DescribeUnexpected(Exception exception) =>
        InternalErrors.IsUnexpected(exception) ? InternalErrors.Describe(exception) : null;

    /// <summary>Gets the EDGE0004 diagnostic for a cancelled build.</summary>
    /// <param name="message">The message, or null for the build's ("the last complete artifacts were kept").</param>
    public static EdgeDiagnostic Cancelled(string? message = null) => DiagnosticCatalog.Sdk.Cancelled.Create(message ?? "The build was cancelled; the last complete artifacts were kept.");

    private static T Cancellable<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException ex)
        {
            throw new EdgeException(Cancelled(), ex);
        }
    }

    private static PipelineRunOptions Options(RunSettings settings) => new()
    {
        Threads = settings.Threads,
        Progress = settings.LiveProgress is { } live
            ? new ThrottledProgress(u => live(new ProgressReport(ThrottledProgress.Format(u), u.Done, u.Total)), ThrottledProgress.InteractiveInterval)
            : settings.Progress is { } sink ? new ThrottledProgress(u => sink(ThrottledProgress.Format(u)), ThrottledProgress.LogInterval) : null,
        Report = settings.Report,
        Cancellation = settings.Cancellation,
        Remeasure = settings.Remeasure,
        Cache = settings.Cache?.Cache,
    };

    private static PlannedStep Describe(StepPlan s) => new(s.Index, s.Name, s.InputModel, s.OutputModel, s.FingerprintFile);

    private static PlannedPipeline Describe(string planFile, PipelinePlan plan) =>
        new(planFile, plan.ModelName, plan.Steps.Select(Describe).ToList(), plan.StageModels, plan.EvaluationFile, plan.EvaluationFingerprintFile);
}
