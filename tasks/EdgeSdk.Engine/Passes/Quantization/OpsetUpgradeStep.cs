// The first thing quantize does: a model below ai.onnx opset 13 (paddle2onnx at 9 and 11, old tf2onnx or PyTorch
// exports) is upgraded to 13, the first opset with per-axis QuantizeLinear/DequantizeLinear, so it is quantized
// per channel instead of being refused (NNCF refuses opset < 10 and quantizes 10–12 per tensor only). The
// upgraded model is then run beside the original in ONNX Runtime, on a few samples of the recipe's data and on
// random inputs of the same shapes, and every output compared; the report says what was upgraded and how it
// compared. A model the upgrader cannot convert is refused naming the node, operator and opset.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.OpsetUpgrade;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Quantization;

/// <summary>Upgrades the pass's model to opset 13 and verifies the upgrade in ONNX Runtime.</summary>
internal static class OpsetUpgradeStep
{
    /// <summary>Samples taken from the data set, and random input sets, compared per upgrade.</summary>
    private const int Samples = 2;

    private const int RandomSets = 2;

    /// <summary>Upgrades <see cref="PassContext.Model"/> in place when it is below opset 13; returns the report line, or null when nothing was needed.</summary>
    /// <param name="context">The pass's context.</param>
    /// <param name="pass">The pass's recipe name, which messages start with (<c>quantize</c>, <c>qat</c>).</param>
    public static string? Run(PassContext context, string pass = "quantize")
    {
        var model = context.Model;
        if (model.OpsetVersion is 0 or >= OpsetUpgrader.TargetOpset)
        {
            return null;
        }

        var original = model.Model.Clone();
        var result = OpsetUpgrader.Upgrade(model);
        if (!result.Upgraded)
        {
            var first = result.Unconvertible[0];
            var more = result.Unconvertible.Count > 1 ? $" ({result.Unconvertible.Count - 1} more: {string.Join(", ", result.Unconvertible.Skip(1).Take(5).Select(u => u.OpType + (u.Node.Length > 0 ? $" '{u.Node}'" : string.Empty)))})" : string.Empty;
            throw new EdgeException(DiagnosticCatalog.Quantization.OpsetTooOld, $"{pass}: the model imports ai.onnx opset {result.FromOpset}; per-channel QuantizeLinear/DequantizeLinear need opset {OpsetUpgrader.TargetOpset}, and the automatic upgrade cannot convert {first.Describe()}{more}. Replace the operator or re-export the model with opset {OpsetUpgrader.TargetOpset}+.");
        }

        var comparison = Compare(original, model.Model, context, pass);
        var line = $"upgraded the model from opset {result.FromOpset} to {result.ToOpset} for per-channel QDQ (rewrote {result.ConvertedText}); {comparison}";
        context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.OpsetUpgraded, DiagnosticSeverity.Info, pass + ": " + line));
        return line;
    }

    /// <summary>Runs both models on the same inputs and returns how their outputs compared; throws when they differ.</summary>
    internal static string Compare(ModelProto original, ModelProto upgraded, PassContext context, string pass = "quantize")
    {
        var feeds = Feeds(new ModelGraph(original), context.Data);
        var options = new SessionOptions { IntraOpThreads = Math.Max(1, context.Threads) };
        List<IReadOnlyDictionary<string, Tensor>> expected;
        try
        {
            using var session = InferenceSession.FromModel(original, options);
            expected = feeds.Select(f => session.Run(f)).ToList();
        }
        catch (EdgeException ex)
        {
            var why = ex.Diagnostics.FirstOrDefault()?.Message ?? ex.Message;
            context.Report(new EdgeDiagnostic(DiagnosticCatalog.Quantization.OpsetUpgradeNotVerified, DiagnosticSeverity.Warning, $"{pass}: the opset {new ModelGraph(original).OpsetVersion} model did not run on the upgrade check's inputs, so the upgrade is not verified: {why}"));
            return "not verified: the original model did not run on the check's inputs";
        }

        double worst = 0;
        var values = 0L;
        try
        {
            using var session = InferenceSession.FromModel(upgraded, options);
            for (var i = 0; i < feeds.Count; i++)
            {
                var actual = session.Run(feeds[i]);
                foreach (var (name, reference) in expected[i])
                {
                    var (diff, tolerance) = Difference(reference, actual[name]);
                    if (diff > tolerance)
                    {
                        throw new EdgeException(DiagnosticCatalog.Quantization.OpsetUpgradeChangedOutputs, $"{pass}: the model upgraded to opset {OpsetUpgrader.TargetOpset} computes a different '{name}' from the original in ONNX Runtime (largest difference {diff:G4}, tolerance {tolerance:G4}). Re-export the model with opset {OpsetUpgrader.TargetOpset}+.");
                    }

                    worst = Math.Max(worst, diff);
                    values += reference.Length;
                }
            }
        }
        catch (EdgeException ex) when (ex.Diagnostics.All(d => d.Code != DiagnosticCatalog.Quantization.OpsetUpgradeChangedOutputs.Code))
        {
            throw new EdgeException(DiagnosticCatalog.Quantization.OpsetUpgradeChangedOutputs, $"{pass}: the model upgraded to opset {OpsetUpgrader.TargetOpset} does not run in ONNX Runtime where the original does: {ex.Diagnostics.FirstOrDefault()?.Message ?? ex.Message}");
        }

        return $"outputs match the original in ONNX Runtime on {feeds.Count} input set(s) ({values:N0} values, largest difference {worst:G3})";
    }

    /// <summary>The largest absolute difference and the tolerance for it (relative to the reference's magnitude for floats, 0 otherwise).</summary>
    private static (double Diff, double Tolerance) Difference(Tensor reference, Tensor actual)
    {
        if (!reference.Shape.SequenceEqual(actual.Shape) || reference.ElementType != actual.ElementType)
        {
            return (double.PositiveInfinity, 0);
        }

        switch (reference.Data)
        {
            case float[] r:
            {
                var a = (float[])actual.Data;
                double diff = 0, scale = 0;
                for (var i = 0; i < r.Length; i++)
                {
                    diff = Math.Max(diff, r[i].Equals(a[i]) ? 0 : Math.Abs(r[i] - a[i]));
                    scale = Math.Max(scale, float.IsFinite(r[i]) ? Math.Abs(r[i]) : 0);
                }

                return (diff, 1e-5 + (1e-4 * scale));
            }

            case double[] r:
            {
                var a = (double[])actual.Data;
                double diff = 0, scale = 0;
                for (var i = 0; i < r.Length; i++)
                {
                    diff = Math.Max(diff, r[i].Equals(a[i]) ? 0 : Math.Abs(r[i] - a[i]));
                    scale = Math.Max(scale, double.IsFinite(r[i]) ? Math.Abs(r[i]) : 0);
                }

                return (diff, 1e-9 + (1e-7 * scale));
            }

            default:
            {
                var equal = reference.Data.Length == actual.Data.Length && Enumerable.Range(0, reference.Data.Length).All(i => Equals(reference.Data.GetValue(i), actual.Data.GetValue(i)));
                return (equal ? 0 : double.PositiveInfinity, 0);
            }
        }
    }

    /// <summary>A few samples of the recipe's data (when it feeds every input) and random inputs of the same shapes.</summary>
    private static List<IReadOnlyDictionary<string, Tensor>> Feeds(ModelGraph model, DataSets data)
    {
        var inputs = model.RealInputs.ToList();
        var set = new[] { data.Calibration, data.Evaluation, data.Training }.FirstOrDefault(d => d is not null && d.Count > 0 && inputs.All(i => d.InputNames.Contains(i.Name)));
        var feeds = new List<IReadOnlyDictionary<string, Tensor>>();
        Dictionary<string, long[]> shapes;
        if (set?.Batches(Samples).FirstOrDefault() is { } batch)
        {
            feeds.Add(batch.Inputs.Where(kv => inputs.Any(i => i.Name == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
            shapes = feeds[0].ToDictionary(kv => kv.Key, kv => kv.Value.Shape, StringComparer.Ordinal);
        }
        else
        {
            shapes = inputs.ToDictionary(i => i.Name, i => DeclaredShape(i.Type), StringComparer.Ordinal);
        }

        var random = new Random(13);
        for (var k = 0; k < RandomSets; k++)
        {
            feeds.Add(inputs.ToDictionary(i => i.Name, i => RandomTensor((TensorElementType)(i.Type?.TensorType?.ElemType ?? 1), shapes[i.Name], random), StringComparer.Ordinal));
        }

        return feeds;
    }

    private static long[] DeclaredShape(TypeProto? type)
    {
        var dims = type?.TensorType?.Shape?.Dim;
        if (dims is null)
        {
            return [1];
        }

        // Unknown dimensions: batch 1, other (spatial) dimensions 32.
        return dims.Select((d, i) => d.HasDimValue && d.DimValue > 0 ? d.DimValue : (i == 0 ? 1L : 32L)).ToArray();
    }

    private static Tensor RandomTensor(TensorElementType type, long[] shape, Random random)
    {
        var n = (int)Tensor.ElementCount(shape);
        Array data = type switch
        {
            TensorElementType.Float => Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray(),
            TensorElementType.Double => Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 2) - 1).ToArray(),
            TensorElementType.Int64 => new long[n],
            TensorElementType.Int32 => new int[n],
            TensorElementType.Bool => new bool[n],
            TensorElementType.Float16 => Enumerable.Range(0, n).Select(_ => (Half)((random.NextDouble() * 2) - 1)).ToArray(),
            _ => Array.CreateInstance(typeof(byte), n),
        };
        return Tensor.Create(type, data, shape);
    }
}
