// Rejects NaN and infinity in a data set before anything uses it, naming the data file, the sample and
// the element, and located at the recipe line that declared the data.
using EdgeSdk.Diagnostics;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>Finiteness check for floating-point data.</summary>
internal static class FiniteCheck
{
    /// <summary>Throws EDGE6002 when <paramref name="tensor"/> holds a NaN or infinity.</summary>
    public static void Require(DataSetSpec spec, Tensor tensor, string what, DataInputSpec? input)
    {
        var bad = tensor.Data switch
        {
            float[] f => Array.FindIndex(f, v => !float.IsFinite(v)),
            double[] d => Array.FindIndex(d, v => !double.IsFinite(v)),
            Half[] h => Array.FindIndex(h, v => !Half.IsFinite(v)),
            _ => -1,
        };
        if (bad < 0)
        {
            return;
        }

        var samples = tensor.Shape.Length == 0 ? 1 : Math.Max(1, tensor.Shape[0]);
        var rowSize = Math.Max(1, tensor.Length / samples);
        var file = spec.Format == DataFormat.Npy ? input?.Source ?? spec.Labels : spec.File;
        var value = tensor.Data.GetValue(bad);
        throw new EdgeException(
            DiagnosticCatalog.Data.NonFiniteData,
            $"Data set '{spec.Name}': {what} (from '{file}') has a non-finite value ({value}) in sample {bad / rowSize}, element {bad % rowSize}. Clean the data or drop that sample.",
            input?.Location ?? spec.LabelsLocation ?? spec.Location);
    }
}
