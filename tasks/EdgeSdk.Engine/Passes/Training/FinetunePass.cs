// The `finetune` pass: plain fine-tuning of the current model on the training set, with labels, a teacher
// (the baseline model or another ONNX file), or both — typically after pruning or low-rank factorization
// to recover accuracy.
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Training;

/// <summary>Fine-tunes the current model.</summary>
internal sealed class FinetunePass : Pass<FinetuneOptions>
{
    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "finetune",
        1,
        "Fine-tunes the current model's weights on the training set with labels, a teacher, or both (recovers accuracy after pruning or low-rank passes).",
        DataRequirement.Training);

    /// <inheritdoc/>
    public override PassOptionSet<FinetuneOptions> Options => FinetuneOptions.Declarations;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, FinetuneOptions options)
    {
        var teacher = options.Teacher switch
        {
            null => null,
            "baseline" => context.BaselineModel,
            var path => TeacherOutputs.LoadModel(context, "teacher", path),
        };
        return TrainingPassRunner.Run(context, "finetune", context.Model, teacher, options.Training);
    }
}
