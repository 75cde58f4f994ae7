// The `distill` pass: knowledge distillation. The teacher is the pipeline's input model (or another ONNX
// file) run by ONNX Runtime; the student is the current model (or a given ONNX file, which then becomes
// the pipeline's model). Loss: alpha·CE(labels) + (1−alpha)·T²·KL(teacher‖student).
using EdgeSdk.Passes.Options;

namespace EdgeSdk.Passes.Training;

/// <summary>Distills a teacher into a student.</summary>
internal sealed class DistillPass : Pass<DistillOptions>
{
    /// <inheritdoc/>
    public override PassDescriptor Descriptor { get; } = new(
        "distill",
        1,
        "Trains a student (the current model or an ONNX file) to match a teacher (the input model or an ONNX file) with alpha·CE + (1−alpha)·T²·KL.",
        DataRequirement.Training);

    /// <inheritdoc/>
    public override PassOptionSet<DistillOptions> Options => DistillOptions.Declarations;

    /// <inheritdoc/>
    protected override PassResult Run(PassContext context, DistillOptions options)
    {
        var teacher = options.Teacher is null ? context.BaselineModel : TeacherOutputs.LoadModel(context, "teacher", options.Teacher);
        var student = options.Student is null ? context.Model : TeacherOutputs.LoadModel(context, "student", options.Student);
        return TrainingPassRunner.Run(context, "distill", student, teacher, options.Training);
    }
}
