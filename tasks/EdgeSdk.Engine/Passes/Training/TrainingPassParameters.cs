// The parameters finetune, distill and qat share (declared once here, so recipe validation and the schema
// see the same names, defaults and ranges for all three), and their translation into TrainingOptions.
using EdgeSdk.Training.Graph;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Shared training-pass parameters.</summary>
internal static class TrainingPassParameters
{
    /// <summary>Returns the common parameters with pass-specific defaults.</summary>
    public static List<ParameterDescriptor> Common(long epochs, double learningRate, double alpha, string batchNorm = "frozen") =>
    [
        new("epochs", ParameterKind.Integer, "Passes over the training set.", epochs, 1, 10_000),
        new("batch_size", ParameterKind.Integer, "Samples per mini-batch.", 64L, 1, 65_536),
        new("learning_rate", ParameterKind.Number, "Peak learning rate.", learningRate, 0, 10),
        new("optimizer", ParameterKind.Enum, "Update rule: AdamW (decoupled weight decay) or SGD with momentum.", "adamw", AllowedValues: ["adamw", "sgd"]),
        new("momentum", ParameterKind.Number, "Momentum of the sgd optimizer.", 0.9, 0, 1),
        new("weight_decay", ParameterKind.Number, "Weight decay (applied to weight matrices and kernels, not biases or normalization scales).", 0.01, 0, 1),
        new("schedule", ParameterKind.Enum, "Learning-rate schedule after warm-up.", "cosine", AllowedValues: ["constant", "step", "cosine"]),
        new("warmup_epochs", ParameterKind.Number, "Epochs of linear learning-rate warm-up.", 0.0, 0, 1000),
        new("step_epochs", ParameterKind.Integer, "Period of the step schedule, in epochs.", 10L, 1, 10_000),
        new("gamma", ParameterKind.Number, "Decay factor of the step schedule.", 0.1, 0, 1),
        new("seed", ParameterKind.Integer, "Seed of mini-batch shuffling; the same seed gives bit-identical weights.", 0L, 0, int.MaxValue),
        new("alpha", ParameterKind.Number, "Weight of the label loss in alpha·CE + (1−alpha)·T²·KL(teacher‖student); 1 = labels only, 0 = teacher only.", alpha, 0, 1),
        new("temperature", ParameterKind.Number, "Distillation temperature T.", 4.0, 0.01, 100),
        new("loss", ParameterKind.Enum, "Label loss.", "cross_entropy", AllowedValues: ["cross_entropy", "mse"]),
        new("patience", ParameterKind.Integer, "Epochs without improvement of evaluation accuracy before stopping early (0 = off); the best weights are kept.", 0L, 0, 10_000),
        new("checkpoint_every", ParameterKind.Integer, "Optimizer steps between checkpoints in the work directory (an interrupted build resumes from the last one).", 50L, 0, 1_000_000),
        new("batch_norm", ParameterKind.Enum, "BatchNormalization while training: frozen running statistics (fine-tuning default) or batch statistics with running-statistics updates.", batchNorm, AllowedValues: ["frozen", "train"]),
        new("freeze", ParameterKind.StringList, "Names of initializers to keep fixed."),
    ];

    /// <summary>Reads the options from validated parameters.</summary>
    public static TrainingOptions Read(PassParameters p) => new()
    {
        Epochs = (int)p.GetInteger("epochs"),
        BatchSize = (int)p.GetInteger("batch_size"),
        LearningRate = (float)p.GetNumber("learning_rate"),
        Optimizer = p.GetString("optimizer"),
        Momentum = (float)p.GetNumber("momentum"),
        WeightDecay = (float)p.GetNumber("weight_decay"),
        Schedule = p.GetString("schedule"),
        WarmupEpochs = p.GetNumber("warmup_epochs"),
        StepEpochs = (int)p.GetInteger("step_epochs"),
        Gamma = (float)p.GetNumber("gamma"),
        Seed = (int)p.GetInteger("seed"),
        Alpha = (float)p.GetNumber("alpha"),
        Temperature = (float)p.GetNumber("temperature"),
        Loss = p.GetString("loss"),
        Patience = (int)p.GetInteger("patience"),
        CheckpointEvery = (int)p.GetInteger("checkpoint_every"),
        BatchNorm = p.GetString("batch_norm") == "train" ? BatchNormMode.Train : BatchNormMode.Frozen,
        Frozen = p.GetStringList("freeze"),
    };
}
