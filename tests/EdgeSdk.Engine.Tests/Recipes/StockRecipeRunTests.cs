// Each stock recipe runs end to end on a digits fixture model (extended with the model and its data):
// its passes run, every budget is judged, and a missed budget is located in the stock recipe's file. A search
// recipe chooses its fastest trial within the budgets, and its trials share the steps they have in common.
using EdgeSdk.Diagnostics;
using EdgeSdk.Pipeline;
using EdgeSdk.Recipes;

namespace EdgeSdk.Tests.Recipes;

public sealed class StockRecipeRunTests
{
    [Theory]
    [InlineData("cleanup", "digits_cnn", new string[0])]
    [InlineData("cnn-int8-cpu", "digits_cnn", new string[0])]
    [InlineData("transformer-dynamic-int8", "digits_transformer", new string[0])]
    [InlineData("mcu-size-first", "digits_cnn", new[] { "memory.max" })] // digits_cnn peaks at 408.6 KB in float and 496.9 KB as a QDQ model (as measured today)
    [InlineData("cpu-latency-search", "digits_cnn", new string[0])]
    [InlineData("cpu-latency-prune-search", "digits_cnn", new string[0])]
    public void StockRecipeRunsOnADigitsModel(string stock, string model, string[] expectedMisses)
    {
        var dir = TestPaths.NewTempDir("stock-run");
        var path = Path.Combine(dir, "digits.yaml");
        File.WriteAllText(path, $$"""
            recipe: 1
            extends: {{stock}}
            model: {{TestPaths.Model(model)}}
            data:
              calibration: {inputs: {{TestPaths.Data("digits", "train_x.npy")}}, samples: 100, shuffle: true, seed: 1}
              training: {inputs: {{TestPaths.Data("digits", "train_x.npy")}}, labels: {{TestPaths.Data("digits", "train_y.npy")}}}
              evaluation: {inputs: {{TestPaths.Data("digits", "test_x.npy")}}, labels: {{TestPaths.Data("digits", "test_y.npy")}}}
            evaluate:
              latency: {warmup: 2, runs: 20}
            """);
        var recipe = RecipeRunKit.Load(path);

        var result = RecipeRunKit.Run(recipe, dir);

        if (recipe.Search is null)
        {
            result.StepsRun.Should().HaveCount(recipe.Passes.Count);
        }
        else
        {
            // A search recipe: the build's steps are the chosen trial's; the search ran every trial.
            var search = result.Search!.Record;
            search.Trials.Should().HaveCount((int)Math.Min(search.SpaceSize, recipe.Search.TrialLimit)).And.OnlyContain(t => t.Error == null && t.Measurement != null);
            search.Feasible.Should().BeTrue($"{stock}: some trial (at least the float one) meets its budgets");
            var chosen = search.Trials.Single(t => t.Id == search.Chosen);
            var best = search.Trials.Where(t => !search.Missed.TryGetValue(t.Id, out var missed) || missed.Count == 0).Min(t => t.Measurement!.Latency!.P50Ms);
            chosen.Measurement!.Latency!.P50Ms.Should().Be(best, "the chosen trial is the fastest one within the budgets");
            if (recipe.Search.Parameters.Any(p => p.Key == "quantize.host_latency"))
            {
                search.Trials.Where(t => t.Parameters.Contains(new("quantize.enabled", "true"))).Select(t => t.Parameters.Single(p => p.Key == "quantize.host_latency").Value)
                    .Should().Contain(["true", "false"], "both the host-latency decision and the plain all-int8 configuration were measured");
            }

            if (recipe.Search.Parameters.Any(p => p.Key == "prune.sparsity"))
            {
                // Every pass once per sparsity (prune, finetune, fuse, quantize): the quantize-off trials reuse the steps
                // before quantize.
                var sparsities = recipe.Search.Parameters.Single(p => p.Key == "prune.sparsity").Values.Count;
                search.StepsRun.Should().Be(recipe.Passes.Count * sparsities, "trials that differ only after a step share it");
            }
        }

        result.Finish.Manifest.Budgets.Select(b => b.Name).Where(n => !n.StartsWith("target.", StringComparison.Ordinal)).Should().Equal(recipe.Budgets.Select(b => b.Name));
        result.Finish.Manifest.Budgets.Should().Contain(b => b.Name == "target.ram", "the final model is always judged against the target's RAM");
        result.Finish.Manifest.Budgets.Where(b => !b.Passed).Select(b => b.Name).Should().BeEquivalentTo(expectedMisses);
        var errors = result.Finish.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.Should().HaveCount(expectedMisses.Length);
        errors.All(d => d.Location!.File == Path.Combine(TestPaths.RepoRoot, "recipes", stock + ".yaml") && d.Location.Line > 0).Should().BeTrue();
        // The chosen trial's passes (a search may choose host_latency: false, or quantize disabled).
        foreach (var quantize in (result.Search?.Recipe ?? recipe).Passes.Where(p => p.Kind == "quantize" && p.Enabled && p.Options.Get<EdgeSdk.Passes.Quantization.QuantizationOptions>().HostLatency))
        {
            var pass = result.Finish.Manifest.Passes.Single(p => p.Name == quantize.Name);
            if (pass.Status != "ran")
            {
                continue; // a search may choose the trial with quantize disabled
            }

            var facts = pass.Facts;
            facts.Should().NotBeNull($"{stock}: the manifest records where the host-latency decision was made");
            facts!["host_latency_cpu"].Should().Be(EdgeSdk.Evaluation.MachineInfo.Current().CpuModel);
            facts["host_latency_isa"].Should().Be(string.Join(' ', EdgeSdk.Evaluation.MachineInfo.Current().IsaFlags));
        }
    }
}
