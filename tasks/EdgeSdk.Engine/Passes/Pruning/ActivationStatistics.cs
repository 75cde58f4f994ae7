// Measures mean |activation| per channel of chosen tensors on calibration data (activation importance).
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Runs the model on calibration data and averages |x| per channel of selected tensors.</summary>
internal static class ActivationStatistics
{
    /// <summary>Returns per-channel mean |x| for each (tensor, channel axis).</summary>
    public static IReadOnlyDictionary<string, double[]> MeanAbsolutePerChannel(ModelGraph graph, IReadOnlyList<(string Tensor, int Axis)> tensors, IDataSet data, int samples, int threads)
    {
        throw new EdgeException(PruneDiagnosticCodes.ActivationMeasurementFailed, "prune: activation importance needs the ONNX Runtime binding, which this build lacks. Use importance: l1.");
    }
}
