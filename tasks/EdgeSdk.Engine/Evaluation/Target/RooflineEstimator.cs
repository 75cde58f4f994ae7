// Per-node roofline on a target profile: a node takes the longer of its arithmetic at the peak throughput
// for its precision (2 operations per MAC; int8 peak for quantized nodes) and its bytes (weights, inputs,
// outputs) at the memory bandwidth. Nodes without MACs are memory-bound by construction.
using EdgeSdk.Targets;
using EdgeSdk.Recipes;

namespace EdgeSdk.Evaluation;

/// <summary>Estimates latency on a target from a static analysis.</summary>
internal static class RooflineEstimator
{
    /// <summary>Estimates <paramref name="analysis"/> on <paramref name="target"/>.</summary>
    public static TargetEstimate Estimate(StaticAnalysis analysis, TargetProfile target)
    {
        var estimate = new TargetEstimate
        {
            Target = target.Name,
            ModelBytes = analysis.ModelBytes,
            StorageBytes = target.StorageBytes,
            PeakMemoryBytes = analysis.PeakMemoryBytes,
            RamBytes = target.RamBytes,
        };
        if (target.PeakFp32Gflops <= 0 || target.MemoryBandwidthGBps <= 0)
        {
            return estimate;
        }

        var nodes = analysis.Nodes.Select(n => EstimateNode(n, target)).ToList();
        return estimate with { LatencyMs = nodes.Sum(n => n.Ms), Nodes = nodes };
    }

    private static NodeEstimate EstimateNode(NodeAnalysis node, TargetProfile target)
    {
        // An int8 node on a target without an int8 figure runs at the fp32 peak (no faster kernels known).
        var peakGops = node.Precision == ComputePrecision.Int8 && target.PeakInt8Gops > 0 ? target.PeakInt8Gops : target.PeakFp32Gflops;
        var computeMs = 2.0 * node.Macs / (peakGops * 1e9) * 1e3;
        var memoryMs = (double)(node.WeightBytes + node.InputBytes + node.OutputBytes) / (target.MemoryBandwidthGBps * 1e9) * 1e3;
        return new NodeEstimate(node.Name, node.OpType, computeMs, memoryMs, computeMs >= memoryMs && node.Macs > 0 ? RooflineBound.Compute : RooflineBound.Memory);
    }
}
