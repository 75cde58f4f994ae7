// Turns a (merged) recipe YAML tree into a Recipe: reads each top-level section with its own reader,
// then checks what spans sections (data sets the passes and budgets need).
using EdgeSdk.Data;
using EdgeSdk.Targets;
using EdgeSdk.Passes;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the top level of a recipe.</summary>
internal static class RecipeReader
{
    /// <summary>Top-level keys.</summary>
    public static readonly IReadOnlyList<string> Keys = ["recipe", "extends", "model", "target", "data", "evaluate", "budgets", "passes", "search"];

    /// <summary>The language versions this reader understands.</summary>
    public const int LatestVersion = 1;

    /// <summary>Reads the recipe; null when the root is unusable (errors are in the context).</summary>
    public static Recipe? Read(YamlReadContext context, YamlNode root, string sourcePath, RecipeLoadOptions options, IReadOnlyList<string> extends, IReadOnlyDictionary<string, IPass> passCatalog)
    {
        var map = context.Map(root, string.Empty, Keys);
        if (map is null)
        {
            return null;
        }

        var version = LatestVersion;
        if (map["recipe"] is { } versionNode)
        {
            if (context.Integer(versionNode, "recipe") is { } v)
            {
                if (v != LatestVersion)
                {
                    context.Error(DiagnosticCatalog.Recipes.UnsupportedVersion, $"This EdgeSdk reads recipe version {LatestVersion}; the file says {v}. Write 'recipe: {LatestVersion}' or update EdgeSdk.", versionNode);
                }

                version = (int)v;
            }
        }
        else
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, $"The recipe lacks its language version; add 'recipe: {LatestVersion}' as the first line.", new Diagnostics.SourceLocation(sourcePath, 1, 1));
        }

        string? modelPath = null;
        Diagnostics.SourceLocation? modelLocation = null;
        if (map["model"] is { } modelNode && !YamlReadContext.IsNull(modelNode))
        {
            modelLocation = context.At(modelNode);
            modelPath = RecipePaths.Read(context, modelNode, "model", options.Properties, options.CheckFilesExist && options.ModelOverride is null);
        }

        var target = TargetProfile.Host;
        Diagnostics.SourceLocation? targetLocation = null;
        if (map["target"] is { } targetNode)
        {
            targetLocation = context.At(targetNode);
            target = TargetSectionReader.Read(context, targetNode, TargetCatalog.Load(options.TargetsDirectory)) ?? target;
        }

        var data = map["data"] is { } dataNode ? DataSectionReader.Read(context, dataNode, options) : DataSetSpecs.None;
        var evaluate = map["evaluate"] is { } evaluateNode ? EvaluateSectionReader.Read(context, evaluateNode) : new EvaluateSpec();
        var budgets = map["budgets"] is { } budgetsNode ? BudgetSectionReader.Read(context, budgetsNode, evaluate) : [];
        var passes = map["passes"] is { } passesNode ? PassSectionReader.Read(context, passesNode, passCatalog, options) : [];

        var search = map["search"] is { } searchNode ? SearchSectionReader.Read(context, searchNode, passes, passCatalog, evaluate) : null;

        var recipe = new Recipe
        {
            SourcePath = sourcePath,
            Version = version,
            ModelPath = options.ModelOverride ?? modelPath,
            ModelLocation = modelLocation,
            Target = target,
            TargetLocation = targetLocation,
            Data = data,
            Evaluate = evaluate,
            Budgets = budgets,
            Passes = passes,
            Search = search,
            Extends = extends,
        };
        if (!options.AllowIncomplete)
        {
            RecipeRequirements.Check(context, recipe, map, passCatalog);
        }

        return recipe;
    }
}
