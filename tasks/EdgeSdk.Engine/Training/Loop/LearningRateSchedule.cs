// Learning rate as a function of the optimizer step: constant, step decay or cosine annealing, each with
// an optional linear warm-up. A pure function of the step, so a resumed run gets the same rates.
namespace EdgeSdk.Training.Loop;

/// <summary>Learning-rate schedules.</summary>
internal static class LearningRateSchedule
{
    /// <summary>Returns the learning rate for optimizer step <paramref name="step"/> (0-based) of <paramref name="totalSteps"/>.</summary>
    public static float At(TrainingOptions o, long step, long totalSteps, int stepsPerEpoch)
    {
        var warmup = (long)Math.Round(o.WarmupEpochs * stepsPerEpoch);
        if (step < warmup)
        {
            return o.LearningRate * (step + 1) / warmup;
        }

        var afterWarmup = step - warmup;
        var span = Math.Max(1, totalSteps - warmup);
        return o.Schedule switch
        {
            "constant" => o.LearningRate,
            "step" => o.LearningRate * MathF.Pow(o.Gamma, step / Math.Max(1, (long)o.StepEpochs * stepsPerEpoch)),
            "cosine" => (float)(o.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1.0, (double)afterWarmup / span)))),
            _ => throw new Diagnostics.EdgeException(DiagnosticCatalog.Training.BadParameter, $"Unknown learning-rate schedule '{o.Schedule}'; use constant, step or cosine."),
        };
    }
}
