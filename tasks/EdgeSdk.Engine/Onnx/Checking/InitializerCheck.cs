// Checks the data of every inline initializer, as ONNX Runtime will when it loads the model: the declared
// shape must be valid (no negative dimension, no overflowing size) and the stored values or bytes must fit
// it exactly. Floating-point weights holding NaN or infinity are a warning naming the initializer: the
// model loads, but every output those weights reach is poisoned.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Validates initializer data.</summary>
internal static class InitializerCheck
{
    /// <summary>Adds a finding per initializer whose data is inconsistent or not finite.</summary>
    public static void Check(GraphProto graph, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        foreach (var tensor in graph.Initializer.Where(t => !ExternalDataReference.IsExternal(t)))
        {
            Tensor dense;
            try
            {
                dense = TensorProtoConverter.ToTensor(tensor);
            }
            catch (EdgeException ex) when (ex.Diagnostics.All(d => d.Code == DiagnosticCatalog.Onnx.InitializerDataMismatch.Code || d.Code == DiagnosticCatalog.Onnx.DeclaredSizeInvalid.Code))
            {
                sink.AddRange(ex.Diagnostics.Select(d => d with { Location = location, Message = d.Message.StartsWith("raw_data", StringComparison.Ordinal) ? $"Initializer '{tensor.Name}': {d.Message}" : d.Message }));
                continue;
            }
            catch (EdgeException)
            {
                continue; // an element type the converter does not read; ONNX Runtime judges it
            }

            if (NonFinite(dense) is var (count, first) && count > 0)
            {
                sink.Add(EdgeDiagnostic.Warning(DiagnosticCatalog.Onnx.NonFiniteWeights, $"Initializer '{tensor.Name}' holds {count} non-finite value(s) (the first, {first}, at flat index {FirstIndex(dense)}); every output it reaches will be NaN or infinite. Check the training run or the export.", location));
            }
        }
    }

    private static (long Count, double First)? NonFinite(Tensor tensor)
    {
        long count = 0;
        double first = 0;
        void See(double v)
        {
            if (!double.IsFinite(v))
            {
                if (count++ == 0)
                {
                    first = v;
                }
            }
        }

        switch (tensor.Data)
        {
            case float[] f:
                foreach (var v in f)
                {
                    See(v);
                }

                break;
            case double[] d:
                foreach (var v in d)
                {
                    See(v);
                }

                break;
            case Half[] h:
                foreach (var v in h)
                {
                    See((double)v);
                }

                break;
            default:
                return null;
        }

        return (count, first);
    }

    private static long FirstIndex(Tensor tensor) => tensor.Data switch
    {
        float[] f => Array.FindIndex(f, v => !float.IsFinite(v)),
        double[] d => Array.FindIndex(d, v => !double.IsFinite(v)),
        Half[] h => Array.FindIndex(h, v => !Half.IsFinite(v)),
        _ => -1,
    };
}
