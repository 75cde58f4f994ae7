// Everything one evaluation measured about one model: metrics, host latency, size, static analysis,
// the target estimate and the machine, plus the first output for fidelity comparisons.
namespace EdgeSdk.Evaluation;

/// <summary>The result of evaluating one model.</summary>
internal sealed record EvaluationResult
{
    /// <summary>Gets every metric by name (see <see cref="EdgeSdk.Evaluation.MetricNames"/>), sorted by name.</summary>
    public required SortedDictionary<string, double> Metrics { get; init; }

    /// <summary>Gets the host latency, or null when latency was not measured.</summary>
    public LatencyStatistics? Latency { get; init; }

    /// <summary>Gets the serialized model size in bytes.</summary>
    public required long ModelBytes { get; init; }

    /// <summary>Gets the static analysis (parameters, MACs, memory).</summary>
    public required StaticAnalysis Static { get; init; }

    /// <summary>Gets the roofline estimate on the target, or null without a target profile.</summary>
    public TargetEstimate? Estimate { get; init; }

    /// <summary>Gets the machine the evaluation ran on.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>Gets the multiclass details (per-class figures, confusion matrix), or null for other tasks or unlabeled data.</summary>
    public MulticlassMetrics? Multiclass { get; init; }

    /// <summary>Gets the binary details, or null.</summary>
    public BinaryMetrics? Binary { get; init; }

    /// <summary>Gets the regression details, or null.</summary>
    public RegressionMetrics? Regression { get; init; }

    /// <summary>Gets the fidelity to the reference model, or null without a reference.</summary>
    public FidelityMetrics? Fidelity { get; init; }

    /// <summary>Gets the model's first output over the whole data set, row-major (for fidelity comparisons); empty without data.</summary>
    public float[] Outputs { get; init; } = [];

    /// <summary>Gets the shape of <see cref="Outputs"/> (samples first).</summary>
    public long[] OutputShape { get; init; } = [];
}
