// Loads the data sets a recipe declares, bound to the model's real input names.
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;

namespace EdgeSdk.Pipeline;

/// <summary>Loads a recipe's calibration, training and evaluation sets.</summary>
internal static class RecipeDataLoader
{
    /// <summary>Loads every set the recipe declares for <paramref name="model"/>'s inputs.</summary>
    public static DataSets Load(Recipe recipe, ModelGraph model)
    {
        var inputs = model.RealInputs.Select(i => i.Name).ToList();
        return new DataSets(
            recipe.Data.Calibration is { } c ? DataSetLoader.Load(c, inputs) : null,
            recipe.Data.Training is { } t ? DataSetLoader.Load(t, inputs) : null,
            recipe.Data.Evaluation is { } e ? DataSetLoader.Load(e, inputs) : null);
    }
}
