// Checks that span sections of a complete recipe: every data set an enabled pass needs is declared, and
// budgets on labelled metrics have a labelled evaluation set. Skipped for base recipes meant to be extended.
using EdgeSdk.Data;
using EdgeSdk.Evaluation;
using EdgeSdk.Passes;

namespace EdgeSdk.Recipes;

/// <summary>Cross-section checks of a complete recipe.</summary>
internal static class RecipeRequirements
{
    /// <summary>Reports each missing data set at the pass or budget that needs it.</summary>
    public static void Check(YamlReadContext context, Recipe recipe, YamlMap map, IReadOnlyDictionary<string, IPass> passCatalog)
    {
        foreach (var pass in recipe.Passes.Where(p => p.Enabled))
        {
            if (!passCatalog.TryGetValue(pass.Kind, out var implementation))
            {
                continue;
            }

            var needs = implementation.RequiredData(pass.Options);
            foreach (var (flag, set, declared) in new[]
            {
                (DataRequirement.Calibration, "calibration", recipe.Data.Calibration is not null || HasSet(map, "calibration")),
                (DataRequirement.Training, "training", recipe.Data.Training is not null || HasSet(map, "training")),
                (DataRequirement.Evaluation, "evaluation", recipe.Data.Evaluation is not null || HasSet(map, "evaluation")),
            })
            {
                if (needs.HasFlag(flag) && !declared)
                {
                    context.Error(DiagnosticCatalog.Recipes.MissingDataSet, $"Pass '{pass.Name}' needs a {set} data set, but the recipe has no 'data.{set}'. Add one (see recipes/README.md, 'data'){(set == "calibration" ? ", or choose a mode that needs no calibration" : string.Empty)}.", pass.Location);
                }
            }
        }

        foreach (var budget in recipe.Budgets.Where(b => b.Metric.Length > 0))
        {
            var evaluation = recipe.Data.Evaluation;
            if (evaluation is null && !HasSet(map, "evaluation"))
            {
                context.Error(DiagnosticCatalog.Recipes.MissingDataSet, $"The budget '{budget.Name}' needs an evaluation data set, but the recipe has no 'data.evaluation'.", budget.Location);
            }
            else if (evaluation is not null && evaluation.Labels is null && evaluation.Format != DataFormat.TensorProto && MetricNames.NeedsLabels(budget.Metric))
            {
                context.Error(DiagnosticCatalog.Recipes.MissingDataSet, $"The budget '{budget.Name}' judges '{budget.Metric}', which needs labels, but 'data.evaluation' has no 'labels'. Add labels or judge a fidelity metric (Top1Agreement).", budget.Location);
            }
        }
    }

    // A set that was declared but had errors is null in the recipe; do not report it as missing too.
    private static bool HasSet(YamlMap map, string set) =>
        map["data"] is YamlDotNet.RepresentationModel.YamlMappingNode data && data.Children.Any(c => c.Key is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } k } && k == set);
}
