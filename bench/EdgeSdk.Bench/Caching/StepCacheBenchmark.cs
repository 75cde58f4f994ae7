// Times a recipe with a `finetune` step (prune → finetune → quantize on the digits CNN) three ways, each
// on a fresh copy of the project: cold (empty machine-wide cache, empty remote cache), with a warm
// machine-wide cache, and on a "second machine" whose machine-wide cache is empty but whose remote cache
// (nginx WebDAV from eng/start-cache-server.sh) is warm. Rounds are interleaved, each with its own cache
// folders and remote instance prefix; medians are reported. Steps and evaluation are timed apart because
// the evaluation (latency, accuracy) is always measured locally.
// Run: dotnet run -c Release --project bench/EdgeSdk.Bench -- step-cache [rounds] [epochs]
using System.Diagnostics;
using System.Globalization;
using EdgeSdk.Caching;
using EdgeSdk.IO;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;
using EdgeSdk.Runs;
using EdgeSdk.Tests;

namespace EdgeSdk.Bench.Caching;

/// <summary>The <c>step-cache</c> benchmark.</summary>
internal sealed class StepCacheBenchmark : IBenchmark
{
    /// <inheritdoc/>
    public string Name => "step-cache";

    /// <inheritdoc/>
    public string Description => "prune→finetune→quantize steps: cold vs warm machine-wide cache vs warm remote cache only (nginx)";

    /// <inheritdoc/>
    public object Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        using var server = CacheServerProcess.Start();
        var samples = new Dictionary<string, List<Sample>> { ["cold"] = [], ["warm_local"] = [], ["warm_remote_only"] = [] };
        for (var round = 0; round < rounds; round++)
        {
            var remote = server.Url($"bench-{round}");
            var machineA = TestPaths.NewTempDir("bench-cache-a");
            var machineB = TestPaths.NewTempDir("bench-cache-b");
            samples["cold"].Add(Measure(epochs, machineA, remote));
            samples["warm_local"].Add(Measure(epochs, machineA, remote));
            samples["warm_remote_only"].Add(Measure(epochs, machineB, remote));
            Console.Error.WriteLine($"round {round + 1}/{rounds}: " + string.Join(", ", samples.Select(kv => $"{kv.Key} {kv.Value[^1].StepsSeconds:0.000} s")));
        }

        var cold = Median(samples["cold"].Select(s => s.StepsSeconds));
        return new
        {
            benchmark = Name,
            host = HostIdentity.Text,
            onnxruntime = EngineIdentity.OnnxRuntimeVersion,
            recipe = Recipe(epochs),
            rounds,
            remote = "nginx WebDAV on loopback (eng/start-cache-server.sh)",
            scenarios = samples.ToDictionary(kv => kv.Key, kv => new
            {
                steps_seconds_median = Median(kv.Value.Select(s => s.StepsSeconds)),
                steps_seconds = kv.Value.Select(s => s.StepsSeconds).ToList(),
                evaluation_seconds_median = Median(kv.Value.Select(s => s.EvaluationSeconds)),
                speedup_over_cold = Math.Round(cold / Median(kv.Value.Select(s => s.StepsSeconds)), 1),
                sources = kv.Value[^1].Sources,
                final_model_sha256 = kv.Value[^1].FinalModelSha,
            }),
        };
    }

    private static Sample Measure(int epochs, string localCache, Uri remote)
    {
        var dir = TestPaths.NewTempDir("bench-step-cache");
        Directory.CreateDirectory(Path.Combine(dir, "models"));
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Copy(TestPaths.Model("digits_cnn"), Path.Combine(dir, "models", "digits_cnn.onnx"));
        foreach (var file in new[] { "train_x.npy", "train_y.npy", "test_x.npy", "test_y.npy" })
        {
            File.Copy(TestPaths.Data("digits", file), Path.Combine(dir, "data", file));
        }

        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), Recipe(epochs));
        var recipe = RecipeLoader.Load(Path.Combine(dir, "recipe.yaml"), new RecipeLoadOptions
        {
            TargetsDirectory = Path.Combine(TestPaths.RepoRoot, "targets"),
            StockRecipesDirectory = Path.Combine(TestPaths.RepoRoot, "recipes"),
        }).GetRecipeOrThrow();
        using var cache = new StepCache(new CacheSettings { LocalDirectory = localCache, Remote = remote });
        var options = new PipelineRunOptions { Cache = cache, Threads = 1, Report = d => { if (d.Severity != Diagnostics.DiagnosticSeverity.Info) { Console.Error.WriteLine(d); } } };

        // The pipeline runner's loop, timed: steps, then evaluation and artifacts.
        var clock = Stopwatch.StartNew();
        var plan = PipelinePlanner.Plan(recipe, Path.Combine(dir, "models", "digits_cnn.onnx"), Path.Combine(dir, "obj"));
        PipelinePlanner.WriteFingerprints(plan);
        var records = plan.Steps.Select(step => StepRunner.Run(recipe, plan, step, options)).ToList();
        var steps = clock.Elapsed.TotalSeconds;
        clock.Restart();
        StageEvaluator.EnsureEvaluated(recipe, plan, options);
        PipelineFinisher.Finish(recipe, plan, dir, cache, options.Report);
        var evaluation = clock.Elapsed.TotalSeconds;
        var sample = new Sample(Math.Round(steps, 3), Math.Round(evaluation, 3), records.Select(r => $"{r.Kind}:{r.Source}").ToList(), Fingerprint.FileSha256(plan.FinalModel));
        Directory.Delete(dir, recursive: true);
        return sample;
    }

    private static string Recipe(int epochs) => $$"""
        recipe: 1
        model: models/digits_cnn.onnx
        target: x86-avx2
        data:
          training: {inputs: data/train_x.npy, labels: data/train_y.npy}
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 5, runs: 50, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 3 points}
        passes:
          - prune: {pattern: channel, sparsity: 0.25, importance: l1}
          - finetune: {epochs: {{epochs}}}
          - quantize: {mode: dynamic}
        """;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 3);
    }

    private sealed record Sample(double StepsSeconds, double EvaluationSeconds, IReadOnlyList<string> Sources, string FinalModelSha);
}
