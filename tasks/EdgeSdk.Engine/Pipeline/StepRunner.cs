// Runs one planned step: loads its input model and the data sets the pass needs, runs the pass, and
// writes the output model and its record atomically. A failure or cancellation leaves the previous
// output untouched.
using EdgeSdk.IO;
using System.Diagnostics;
using EdgeSdk.Caching;
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Onnx;
using EdgeSdk.Passes;
using EdgeSdk.Recipes;

namespace EdgeSdk.Pipeline;

/// <summary>Options shared by the pipeline's runners.</summary>
internal sealed record PipelineRunOptions
{
    /// <summary>Gets the thread count (0 = the recipe's evaluation setting); planning resolves it into <see cref="PipelinePlan.Timing"/>, which steps and evaluation use.</summary>
    public int Threads { get; init; }

    /// <summary>Gets the progress sink.</summary>
    public IProgress<ProgressUpdate>? Progress { get; init; }

    /// <summary>Gets the sink for warnings and infos.</summary>
    public Action<EdgeDiagnostic> Report { get; init; } = _ => { };

    /// <summary>Gets the cancellation token.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Gets whether to time the stages again even when a cached measurement exists (passes and metrics are not re-run).</summary>
    public bool Remeasure { get; init; }

    /// <summary>Gets the machine-wide/remote step cache, or null to always run passes.</summary>
    public StepCache? Cache { get; init; }

    /// <summary>Gets the machine running the build (passes read its ISA; host-dependent warnings of restored steps are recomputed for it); tests inject one.</summary>
    public Targets.TargetProfile Host { get; init; } = Targets.TargetProfile.Host;
}

/// <summary>Executes a single step of a plan.</summary>
internal static class StepRunner
{
    /// <summary>Runs <paramref name="step"/> and returns its record.</summary>
    public static StepRecord Run(Recipe recipe, PipelinePlan plan, StepPlan step, PipelineRunOptions options)
    {
        options.Cancellation.ThrowIfCancellationRequested();
        var pass = PassCatalog.Find(step.Kind) ?? throw new EdgeException(DiagnosticCatalog.Recipes.UnknownPass, $"Unknown pass '{step.Kind}'.", recipe.Passes[step.RecipeIndex].Location);
        var spec = recipe.Passes[step.RecipeIndex];
        var cacheKey = options.Cache is null ? null : StepCacheKey.For(step.Fingerprint);
        if (cacheKey is not null && StepCacheHook.TryRestore(options.Cache!, cacheKey, plan, step, options) is { } restored)
        {
            // A restored step warns as it did when it ran (its stored diagnostics keep codes and locations),
            // except for warnings that depend on the host: another machine may have computed it.
            var cached = StepHostWarnings.ForHost(restored, recipe, step, options.Host);
            cached.Write(step.RecordFile);
            if (cached.Diagnostics.Count > 0)
            {
                foreach (var warning in cached.Diagnostics)
                {
                    options.Report(warning.ToWarning());
                }
            }
            else
            {
                ReportWarnings(cached.Warnings, spec, options.Report);
            }

            return cached;
        }

        var model = ModelGraph.Load(step.InputModel);
        if (step.InputModel == plan.ModelPath)
        {
            Onnx.Checking.ModelPreflight.Require(model.Model, step.InputModel, options.Report);
        }

        NodeNames.EnsureUnique(model); // passes key their plans by node name; exporters often leave nodes unnamed
        ConstantToInitializer.Apply(model); // paddle2onnx and tf2onnx keep weights in Constant nodes; passes read initializers
        var sparse = model.Graph.SparseInitializer.Select(s => s.Values.Name).ToList();
        Passes.Pruning.SparseInitializerStorage.Densify(model); // passes read dense weights; stored sparse again below
        var baseline = step.InputModel == plan.ModelPath ? model.Clone() : ModelGraph.Load(plan.ModelPath);
        var warned = new List<EdgeDiagnostic>();
        void Report(EdgeDiagnostic d)
        {
            if (d.Severity == DiagnosticSeverity.Warning)
            {
                warned.Add(d);
            }

            options.Report(d);
        }

        var stepWork = Path.Combine(plan.WorkDirectory, $"{step.Index:D2}-{step.Kind}.work");
        Directory.CreateDirectory(stepWork);
        var context = new PassContext
        {
            Model = model,
            BaselineModel = baseline,
            Options = spec.Options,
            Data = RecipeDataLoader.Load(recipe, model),
            Target = recipe.Target,
            Host = options.Host,
            AccuracyGoals = AccuracyGoals(recipe),
            MetricSettings = MetricSettings(recipe),
            WorkDirectory = stepWork,
            RecipeDirectory = Path.GetDirectoryName(plan.RecipePath)!,
            Threads = plan.Timing.Threads, // what the step's fingerprint holds (PipelinePlanner)
            LatencyBatch = plan.Timing.Batch,
            Progress = options.Progress ?? new Progress<ProgressUpdate>(),
            Report = Report,
            Cancellation = options.Cancellation,
        };

        var clock = Stopwatch.StartNew();
        PassResult result;
        try
        {
            result = pass.Run(context);
        }
        catch (EdgeException ex) when (ex.Diagnostics.All(d => d.Location is null))
        {
            // Locate pass failures at the pass entry in the recipe.
            throw new EdgeException(ex.Diagnostics.Select(d => d with { Location = spec.Location }).ToList());
        }

        clock.Stop();
        options.Cancellation.ThrowIfCancellationRequested();
        ReportWarnings(result.Warnings, spec, Report);

        if (sparse.Count > 0)
        {
            Passes.Pruning.SparseInitializerStorage.Sparsify(result.Model, sparse);
        }

        ModelFile.Save(result.Model.Model, step.OutputModel);
        var record = new StepRecord
        {
            Index = step.Index,
            Kind = step.Kind,
            Name = step.Name,
            Fingerprint = step.Fingerprint,
            OutputSha256 = EdgeSdk.IO.Fingerprint.FileSha256(step.OutputModel),
            Seconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
            Summary = result.Summary,
            Figures = result.Figures,
            Facts = result.Facts.Count > 0 ? result.Facts : null,
            Tables = result.Tables,
            Warnings = result.Warnings,
            Diagnostics = warned.Select(StepDiagnostic.From).ToList(),
        };
        record = StepHostWarnings.ForHost(record, recipe, step, options.Host); // host warnings last, as in a restored record
        record.Write(step.RecordFile);
        if (cacheKey is not null)
        {
            StepCacheHook.Store(options.Cache!, cacheKey, plan, step, record, result.HostDependent, options);
        }

        return record;
    }

    private static void ReportWarnings(IEnumerable<string> warnings, PassSpec spec, Action<EdgeDiagnostic> report)
    {
        foreach (var warning in warnings)
        {
            report(EdgeDiagnostic.Warning(DiagnosticCatalog.Passes.PassWarning, $"Pass '{spec.Name}': {warning}", spec.Location));
        }
    }

    /// <summary>Maps the recipe's accuracy budgets onto goals accuracy-aware passes understand.</summary>
    public static IReadOnlyList<AccuracyGoal> AccuracyGoals(Recipe recipe) => recipe.Budgets
        .Where(b => b.Severity == DiagnosticSeverity.Error)
        .Select(b => b.Kind switch
        {
            BudgetKind.AccuracyDropAbsolute => new AccuracyGoal(b.Metric, b.Limit, false, null),
            BudgetKind.AccuracyDropRelative => new AccuracyGoal(b.Metric, b.Limit, true, null),
            BudgetKind.AccuracyFloor => new AccuracyGoal(b.Metric, null, false, b.Limit),
            BudgetKind.AccuracyCeiling => new AccuracyGoal(b.Metric, null, false, null, b.Limit),
            _ => null,
        })
        .OfType<AccuracyGoal>()
        .ToList();

    /// <summary>Returns the metric settings of the recipe's evaluation (task and metrics; no latency), which accuracy-aware passes compute their goals' metrics with.</summary>
    public static EvaluationSettings MetricSettings(Recipe recipe) => new()
    {
        Task = recipe.Evaluate.Task,
        Metrics = recipe.Evaluate.Metrics,
        MeasureLatency = false,
    };

    /// <summary>Returns the metric settings as text, for step fingerprints (they decide what accuracy-aware passes measure).</summary>
    public static string MetricSettingsText(Recipe recipe)
    {
        var settings = MetricSettings(recipe);
        return FormattableString.Invariant($"{settings.Task}|{string.Join(",", settings.Metrics)}|{settings.TopK}|{settings.BinaryThreshold}");
    }
}
