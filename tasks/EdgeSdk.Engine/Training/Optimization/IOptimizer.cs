// The contract of a parameter update rule. State (moments, momentum buffers, step count) is exposed so
// checkpoints can save and restore it exactly.
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Optimization;

/// <summary>Updates trainable parameters from their gradients.</summary>
internal interface IOptimizer
{
    /// <summary>Gets the number of updates applied so far.</summary>
    long Steps { get; }

    /// <summary>Applies one update with learning rate <paramref name="learningRate"/>.</summary>
    void Step(float learningRate);

    /// <summary>Returns the state arrays in a fixed order (for checkpoints).</summary>
    IReadOnlyList<float[]> State();

    /// <summary>Restores the step count (the arrays of <see cref="State"/> are filled in place by the caller).</summary>
    void RestoreSteps(long steps);
}

/// <summary>Creates optimizers by recipe name.</summary>
internal static class Optimizers
{
    /// <summary>Creates <c>adamw</c> or <c>sgd</c> (with momentum) for the trainable parameters.</summary>
    public static IOptimizer Create(string name, IReadOnlyList<TrainingParameter> parameters, float weightDecay, float momentum = 0.9f) => name switch
    {
        "adamw" => new AdamW(parameters, weightDecay),
        "sgd" => new SgdMomentum(parameters, momentum, weightDecay),
        _ => throw new Diagnostics.EdgeException(DiagnosticCatalog.Training.BadParameter, $"Unknown optimizer '{name}'; use adamw or sgd."),
    };
}
