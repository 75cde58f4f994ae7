// The options finetune, distill and qat share (declared once here, so recipe validation and the schema
// see the same names, defaults and ranges for all three), bound into TrainingOptions; and the load-time
// check that a model file an option names exists.
using EdgeSdk.Passes.Options;
using EdgeSdk.Diagnostics;
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Shared training-pass option declarations.</summary>
internal static class TrainingOptionDeclarations
{
    /// <summary>Returns the common options with pass-specific defaults, bound into the <see cref="TrainingOptions"/> that <paramref name="get"/> and <paramref name="set"/> reach.</summary>
    public static IEnumerable<PassOption<TOptions>> Common<TOptions>(long epochs, double learningRate, double alpha, Func<TOptions, TrainingOptions> get, Func<TOptions, TrainingOptions, TOptions> set) =>
        Common(epochs, learningRate, alpha).Select(o => o.Within(get, set));

    /// <summary>Returns the training options that name a model file (checked at load).</summary>
    /// <param name="context">The binding's check context.</param>
    /// <param name="key">The option's key (<c>teacher</c>, <c>student</c>).</param>
    /// <param name="path">The value, or null when unset.</param>
    /// <param name="baselineAllowed">Whether the value <c>baseline</c> names the pipeline's input model instead of a file.</param>
    public static void CheckModelFile(OptionCheckContext context, string key, string? path, bool baselineAllowed)
    {
        if (string.IsNullOrEmpty(path) || (baselineAllowed && path == "baseline") || !context.CheckFilesExist)
        {
            return;
        }

        var full = context.ResolvePath(path);
        if (!File.Exists(full))
        {
            context.Error(DiagnosticCatalog.Training.BadTeacherOrStudent, $"the {key} model '{path}' does not exist (looked in '{full}'). Give an ONNX file relative to the recipe's folder{(baselineAllowed ? ", or 'baseline' for the pipeline's input model" : string.Empty)}.", key);
        }
    }

    private static List<PassOption<TrainingOptions>> Common(long epochs, double learningRate, double alpha) =>
    [
        OptionFactory<TrainingOptions>.Integer("epochs", "Passes over the training set.", epochs, 1, 10_000, (o, v) => o with { Epochs = (int)v }, o => o.Epochs),
        OptionFactory<TrainingOptions>.Integer("batch_size", "Samples per mini-batch.", 64, 1, 65_536, (o, v) => o with { BatchSize = (int)v }, o => o.BatchSize),
        OptionFactory<TrainingOptions>.Number("learning_rate", "Peak learning rate.", learningRate, 0, 10, (o, v) => o with { LearningRate = (float)v }, o => o.LearningRate),
        OptionFactory<TrainingOptions>.Enum("optimizer", "Update rule: AdamW (decoupled weight decay) or SGD with momentum.", "adamw", [("adamw", "adamw"), ("sgd", "sgd")], (o, v) => o with { Optimizer = v }, o => o.Optimizer),
        OptionFactory<TrainingOptions>.Number("momentum", "Momentum of the sgd optimizer.", 0.9, 0, 1, (o, v) => o with { Momentum = (float)v }, o => o.Momentum),
        OptionFactory<TrainingOptions>.Number("weight_decay", "Weight decay (applied to weight matrices and kernels, not biases or normalization scales).", 0.01, 0, 1, (o, v) => o with { WeightDecay = (float)v }, o => o.WeightDecay),
        OptionFactory<TrainingOptions>.Enum("schedule", "Learning-rate schedule after warm-up.", "cosine", [("constant", "constant"), ("step", "step"), ("cosine", "cosine")], (o, v) => o with { Schedule = v }, o => o.Schedule),
        OptionFactory<TrainingOptions>.Number("warmup_epochs", "Epochs of linear learning-rate warm-up.", 0.0, 0, 1000, (o, v) => o with { WarmupEpochs = v }, o => o.WarmupEpochs),
        OptionFactory<TrainingOptions>.Integer("step_epochs", "Period of the step schedule, in epochs.", 10, 1, 10_000, (o, v) => o with { StepEpochs = (int)v }, o => o.StepEpochs),
        OptionFactory<TrainingOptions>.Number("gamma", "Decay factor of the step schedule.", 0.1, 0, 1, (o, v) => o with { Gamma = (float)v }, o => o.Gamma),
        OptionFactory<TrainingOptions>.Integer("seed", "Seed of mini-batch shuffling; the same seed gives bit-identical weights.", 0, 0, int.MaxValue, (o, v) => o with { Seed = (int)v }, o => o.Seed),
        OptionFactory<TrainingOptions>.Number("alpha", "Weight of the label loss in alpha·CE + (1−alpha)·T²·KL(teacher‖student); 1 = labels only, 0 = teacher only.", alpha, 0, 1, (o, v) => o with { Alpha = (float)v }, o => o.Alpha),
        OptionFactory<TrainingOptions>.Number("temperature", "Distillation temperature T.", 4.0, 0.01, 100, (o, v) => o with { Temperature = (float)v }, o => o.Temperature),
        OptionFactory<TrainingOptions>.Enum("loss", "Label loss.", "cross_entropy", [("cross_entropy", "cross_entropy"), ("mse", "mse")], (o, v) => o with { Loss = v }, o => o.Loss),
        OptionFactory<TrainingOptions>.Integer("patience", "Epochs without improvement of the evaluation metric (the first budgeted metric, else the first of evaluate.metrics, in its own direction) before stopping early (0 = off); the best weights are kept.", 0, 0, 10_000, (o, v) => o with { Patience = (int)v }, o => o.Patience),
        OptionFactory<TrainingOptions>.Integer("checkpoint_every", "Optimizer steps between checkpoints in the work directory (an interrupted build resumes from the last one).", 50, 0, 1_000_000, (o, v) => o with { CheckpointEvery = (int)v }, o => o.CheckpointEvery),
        OptionFactory<TrainingOptions>.Enum("batch_norm", "BatchNormalization while training: frozen running statistics (fine-tuning default) or batch statistics with running-statistics updates.", BatchNormMode.Frozen, [("frozen", BatchNormMode.Frozen), ("train", BatchNormMode.Train)], (o, v) => o with { BatchNorm = v }, o => o.BatchNorm),
        OptionFactory<TrainingOptions>.List("freeze", "Names of initializers to keep fixed.", null, (o, v) => o with { Frozen = v }, o => o.Frozen),
    ];
}
