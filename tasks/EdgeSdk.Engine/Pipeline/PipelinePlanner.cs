// Turns a validated recipe and an input model into a PipelinePlan: one step per enabled pass, each with
// its output path under the work folder and a fingerprint chained from the previous step's, so that a
// change anywhere re-runs that step and everything after it, and nothing else.
using EdgeSdk.Data;
using EdgeSdk.IO;
using System.Globalization;
using System.Text.Json;
using EdgeSdk.Diagnostics;
using EdgeSdk.Passes;
using EdgeSdk.Passes.Options;
using EdgeSdk.Recipes;

namespace EdgeSdk.Pipeline;

/// <summary>Plans the steps of a recipe.</summary>
internal static class PipelinePlanner
{
    /// <summary>Plans the pipeline of <paramref name="recipe"/> applied to <paramref name="modelPath"/>.</summary>
    /// <param name="recipe">The validated recipe.</param>
    /// <param name="modelPath">The input model (the EdgeModel item or the recipe's <c>model</c>).</param>
    /// <param name="intermediateDirectory">The root folder for work files (e.g. <c>obj/Debug/net10.0/edge/</c>).</param>
    /// <param name="outputName">The model's folder name; defaults to the model file name without extension.</param>
    /// <param name="threads">The thread override (MSBuild <c>EdgeThreads</c>, <c>--threads</c>; 0 = the recipe's), resolved into <see cref="PipelinePlan.Timing"/>.</param>
    public static PipelinePlan Plan(Recipe recipe, string modelPath, string intermediateDirectory, string? outputName = null, int threads = 0)
    {
        modelPath = Path.GetFullPath(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The model '{modelPath}' does not exist. Check the EdgeModel item or the recipe's 'model' key.", recipe.ModelLocation ?? new SourceLocation(recipe.SourcePath));
        }

        var name = OutputNames.Resolve(modelPath, outputName);
        var work = Path.GetFullPath(Path.Combine(intermediateDirectory, name));
        var modelSha = Fingerprint.FileSha256(modelPath);
        var common = CommonInputs(recipe);
        var timing = RunTiming.Resolve(recipe, threads);
        var steps = new List<StepPlan>();
        var disabled = new List<DisabledPass>();
        var previous = modelSha;
        var input = modelPath;
        for (var i = 0; i < recipe.Passes.Count; i++)
        {
            var spec = recipe.Passes[i];
            if (!spec.Enabled)
            {
                disabled.Add(new DisabledPass(spec.Kind, spec.Name));
                continue;
            }

            var pass = PassCatalog.Find(spec.Kind) ?? throw new EdgeException(DiagnosticCatalog.Recipes.UnknownPass, $"Unknown pass '{spec.Kind}'.", spec.Location);
            var index = steps.Count + 1;
            var stem = Path.Combine(work, $"{index:D2}-{Sanitize(spec.Kind)}");
            var fingerprint = new Fingerprint()
                .Add("previous", previous)
                .Add("pass", pass.Descriptor.Name)
                .Add("pass-version", pass.Descriptor.Version.ToString(CultureInfo.InvariantCulture))
                .Add("parameters", spec.Options.CanonicalText)
                .Add("parameter-files", ParameterFiles(spec.Options, recipe.SourcePath))
                .Add("common", common);
            if (spec.Options.Value is IHostTimedOptions { TimesOnHost: true })
            {
                fingerprint.Add("host-timing", timing.FingerprintText);
            }

            var stepFingerprint = fingerprint.Compute();
            steps.Add(new StepPlan(index, spec.Kind, spec.Name, input, stem + ".onnx", stem + ".step.json", stem + ".fingerprint", stepFingerprint, i));
            previous = stepFingerprint;
            input = stem + ".onnx";
        }

        var evaluation = new Fingerprint()
            .Add("stages", string.Join("|", steps.Select(s => s.Fingerprint).Prepend(modelSha)))
            .Add("evaluate", JsonSerializer.Serialize(recipe.Evaluate))
            .Add("timing", timing.FingerprintText)
            .Add("timing-budgets", StageEvaluator.TimingBudgetText(recipe))
            .Add("data", DataFingerprint(recipe.Data.Evaluation))
            .Add("target", JsonSerializer.Serialize(recipe.Target))
            .Add("engine", Fingerprint.EngineVersion)
            .Compute();

        return new PipelinePlan
        {
            ModelName = name,
            ModelPath = modelPath,
            ModelSha256 = modelSha,
            RecipePath = Path.GetFullPath(recipe.SourcePath),
            WorkDirectory = work,
            Steps = steps,
            Disabled = disabled,
            EvaluationFingerprint = evaluation,
            Timing = timing,
        };
    }

    /// <summary>Writes every fingerprint file of the plan, touching only files whose content changed.</summary>
    public static void WriteFingerprints(PipelinePlan plan)
    {
        Directory.CreateDirectory(plan.WorkDirectory);
        foreach (var step in plan.Steps)
        {
            Fingerprint.WriteIfChanged(step.FingerprintFile, step.Fingerprint);
        }

        Fingerprint.WriteIfChanged(plan.EvaluationFingerprintFile, plan.EvaluationFingerprint);
    }

    // Fingerprints hold contents, never where a project lives, so that every clone of a project on every
    // machine computes the same ones (the step cache keys on them).
    private static string CommonInputs(Recipe recipe) => new Fingerprint()
        .Add("target", JsonSerializer.Serialize(recipe.Target with { SourceFile = null }))
        .Add("calibration", DataFingerprint(recipe.Data.Calibration))
        .Add("training", DataFingerprint(recipe.Data.Training))
        .Add("evaluation", DataFingerprint(recipe.Data.Evaluation))
        .Add("accuracy-goals", string.Join("|", StepRunner.AccuracyGoals(recipe)))
        .Add("metric-settings", StepRunner.MetricSettingsText(recipe))
        .Add("engine", Fingerprint.EngineVersion)
        .Compute();

    /// <summary>Hashes the content of every file a string option names (relative to the recipe), e.g. a distillation teacher.</summary>
    private static string ParameterFiles(BoundPassOptions options, string recipePath)
    {
        var recipeDir = Path.GetDirectoryName(Path.GetFullPath(recipePath))!;
        var parts = new List<string>();
        foreach (var (name, value) in options.Canonical)
        {
            if (value is string text && text.Length is > 0 and < 1024 && text.IndexOfAny(Path.GetInvalidPathChars()) < 0)
            {
                var path = Path.GetFullPath(Path.Combine(recipeDir, text));
                if (File.Exists(path))
                {
                    parts.Add(name + "=" + Fingerprint.FileSha256(path));
                }
            }
        }

        return string.Join(";", parts);
    }

    /// <summary>Hashes what a data set specification means (not where it is written) and the content of every file it reads.</summary>
    private static string DataFingerprint(DataSetSpec? spec)
    {
        if (spec is null)
        {
            return "none";
        }

        // Each file path is replaced by its content hash: the data's meaning, not its location, counts.
        var text = DataSetSpecFiles.CanonicalText(spec);
        foreach (var file in DataSetSpecFiles.Files(spec).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length))
        {
            text = text.Replace(file, File.Exists(file) ? "sha256:" + Fingerprint.FileSha256(file) : "missing:" + Path.GetFileName(file), StringComparison.Ordinal);
        }

        return new Fingerprint().Add("spec", text).Compute();
    }

    private static string Sanitize(string kind) => new(kind.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
