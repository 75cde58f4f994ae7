// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// How an InferenceSession is configured: threads, graph optimization, execution mode, where to save the
// ORT-optimized model (ONNX or ORT format), profiling and raw ORT session config entries. Defaults are
// deterministic and quiet: one intra-op and one inter-op thread, full graph optimization.
namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>ORT graph optimization levels (values are ORT's <c>GraphOptimizationLevel</c>).</summary>
internal enum GraphOptimizationLevel
{
    /// <summary>No graph optimization.</summary>
    Disabled = 0,

    /// <summary>Semantics-preserving rewrites such as constant folding and redundant node removal.</summary>
    Basic = 1,

    /// <summary>Basic plus complex fusions.</summary>
    Extended = 2,

    /// <summary>Everything, including layout optimizations.</summary>
    All = 99,
}

/// <summary>Whether ORT runs independent graph branches in parallel (values are ORT's <c>ExecutionMode</c>).</summary>
internal enum ExecutionMode
{
    /// <summary>One operator at a time.</summary>
    Sequential = 0,

    /// <summary>Independent branches on the inter-op thread pool.</summary>
    Parallel = 1,
}

/// <summary>Options for creating an <see cref="InferenceSession"/>.</summary>
internal sealed record SessionOptions
{
    /// <summary>The ORT session config key that selects the saved model's format.</summary>
    public const string SaveModelFormatKey = "session.save_model_format";

    /// <summary>Gets the default options.</summary>
    public static SessionOptions Default { get; } = new();

    /// <summary>Gets the number of threads inside one operator (0 lets ORT choose).</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Gets the number of threads running operators concurrently (only used with <see cref="ExecutionMode.Parallel"/>).</summary>
    public int InterOpThreads { get; init; } = 1;

    /// <summary>Gets the graph optimization level.</summary>
    public GraphOptimizationLevel GraphOptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    /// <summary>Gets the execution mode.</summary>
    public ExecutionMode ExecutionMode { get; init; } = ExecutionMode.Sequential;

    /// <summary>Gets where ORT writes the optimized model while the session is created (null: not saved).</summary>
    public string? OptimizedModelFilePath { get; init; }

    /// <summary>Gets whether the optimized model is saved in ORT format (<c>.ort</c>) rather than ONNX.</summary>
    public bool SaveOrtFormat { get; init; }

    /// <summary>Gets the file prefix of ORT's JSON profile (null: no profiling); see <see cref="InferenceSession.EndProfiling"/>.</summary>
    public string? ProfilingFilePrefix { get; init; }

    /// <summary>Gets raw ORT session config entries (<c>AddSessionConfigEntry</c>), applied in key order.</summary>
    public IReadOnlyDictionary<string, string> ConfigEntries { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets values for named symbolic dimensions (<c>AddFreeDimensionOverrideByName</c>), applied in name order.</summary>
    public IReadOnlyDictionary<string, long> FreeDimensionOverrides { get; init; } = new Dictionary<string, long>();
}
