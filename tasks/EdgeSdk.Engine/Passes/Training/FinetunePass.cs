// The `finetune` pass: plain fine-tuning of the current model on the training set, with labels, a teacher
// (the baseline model or another ONNX file), or both — typically after pruning or low-rank factorization
// to recover accuracy.
namespace EdgeSdk.Passes.Training;

/// <summary>Fine-tunes the current model.</summary>
internal sealed class FinetunePass : IPass
{
    /// <inheritdoc/>
    public PassDescriptor Descriptor { get; } = new(
        "finetune",
        1,
        "Fine-tunes the current model's weights on the training set with labels, a teacher, or both (recovers accuracy after pruning or low-rank passes).",
        [
            .. TrainingPassParameters.Common(epochs: 5, learningRate: 1e-3, alpha: 1.0),
            new ParameterDescriptor("teacher", ParameterKind.String, "Optional teacher: 'baseline' for the pipeline's input model, or an ONNX file relative to the recipe; used with weight 1−alpha."),
        ],
        DataRequirement.Training);

    /// <inheritdoc/>
    public PassResult Run(PassContext context)
    {
        var options = TrainingPassParameters.Read(context.Parameters);
        var teacherName = context.Parameters.GetOptionalString("teacher");
        var teacher = teacherName switch
        {
            null or "" => null,
            "baseline" => context.BaselineModel,
            _ => TeacherOutputs.LoadModel(context, "teacher", teacherName),
        };
        if (teacher is not null && !context.Parameters.IsSet("alpha"))
        {
            options = options with { Alpha = 0.5f };
        }

        return TrainingPassRunner.Run(context, "finetune", context.Model, teacher, options);
    }
}
