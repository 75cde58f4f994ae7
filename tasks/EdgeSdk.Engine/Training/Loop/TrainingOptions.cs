// Everything that determines a training run (and so enters the checkpoint fingerprint): epochs, batch
// size, optimizer and schedule, loss mix, seed, early stopping and checkpoint cadence.
using EdgeSdk.Training.Graph;

namespace EdgeSdk.Training.Loop;

/// <summary>Settings of one training run.</summary>
internal sealed record TrainingOptions
{
    /// <summary>Gets the number of passes over the training set.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Gets the mini-batch size.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Gets the peak learning rate.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>Gets the optimizer: <c>adamw</c> or <c>sgd</c>.</summary>
    public string Optimizer { get; init; } = "adamw";

    /// <summary>Gets the SGD momentum.</summary>
    public float Momentum { get; init; } = 0.9f;

    /// <summary>Gets the weight decay (decoupled for AdamW, L2 for SGD; applied to weights of rank ≥ 2).</summary>
    public float WeightDecay { get; init; } = 0.01f;

    /// <summary>Gets the schedule: <c>constant</c>, <c>step</c> or <c>cosine</c>.</summary>
    public string Schedule { get; init; } = "cosine";

    /// <summary>Gets the linear warm-up length in epochs (fractional allowed).</summary>
    public double WarmupEpochs { get; init; }

    /// <summary>Gets the step schedule's period in epochs.</summary>
    public int StepEpochs { get; init; } = 10;

    /// <summary>Gets the step schedule's decay factor.</summary>
    public float Gamma { get; init; } = 0.1f;

    /// <summary>Gets the seed of shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>Gets the weight α of the label loss in α·CE + (1−α)·T²·KL (1 = labels only, 0 = teacher only).</summary>
    public float Alpha { get; init; } = 1f;

    /// <summary>Gets the distillation temperature T.</summary>
    public float Temperature { get; init; } = 4f;

    /// <summary>Gets the label loss: <c>cross_entropy</c> or <c>mse</c>.</summary>
    public string Loss { get; init; } = "cross_entropy";

    /// <summary>Gets the epochs without improvement of the evaluation metric before stopping (0 = never stop early).</summary>
    public int Patience { get; init; }

    /// <summary>Gets how many optimizer steps pass between checkpoints (0 = only at epoch ends).</summary>
    public int CheckpointEvery { get; init; } = 50;

    /// <summary>Gets how BatchNormalization behaves while training.</summary>
    public BatchNormMode BatchNorm { get; init; } = BatchNormMode.Frozen;

    /// <summary>Gets the names of parameters to keep fixed.</summary>
    public IReadOnlyList<string> Frozen { get; init; } = [];

    /// <summary>Returns a stable text form (for fingerprints).</summary>
    public string Describe() => string.Join("|", Epochs, BatchSize, LearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Optimizer, Momentum.ToString("R", System.Globalization.CultureInfo.InvariantCulture), WeightDecay.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Schedule, WarmupEpochs.ToString("R", System.Globalization.CultureInfo.InvariantCulture), StepEpochs, Gamma.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Seed, Alpha.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Temperature.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Loss, Patience, BatchNorm, string.Join(",", Frozen));
}
