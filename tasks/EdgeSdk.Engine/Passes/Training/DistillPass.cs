// The `distill` pass: knowledge distillation. The teacher is the pipeline's input model (or another ONNX
// file) run by ONNX Runtime; the student is the current model (or a given ONNX file, which then becomes
// the pipeline's model). Loss: alpha·CE(labels) + (1−alpha)·T²·KL(teacher‖student).
namespace EdgeSdk.Passes.Training;

/// <summary>Distills a teacher into a student.</summary>
internal sealed class DistillPass : IPass
{
    /// <inheritdoc/>
    public PassDescriptor Descriptor { get; } = new(
        "distill",
        1,
        "Trains a student (the current model or an ONNX file) to match a teacher (the input model or an ONNX file) with alpha·CE + (1−alpha)·T²·KL.",
        [
            .. TrainingPassParameters.Common(epochs: 30, learningRate: 1e-2, alpha: 0.1),
            new ParameterDescriptor("teacher", ParameterKind.String, "Teacher ONNX file relative to the recipe; default: the pipeline's input (baseline) model."),
            new ParameterDescriptor("student", ParameterKind.String, "Student ONNX file relative to the recipe; default: the current model."),
        ],
        DataRequirement.Training);

    /// <inheritdoc/>
    public PassResult Run(PassContext context)
    {
        var options = TrainingPassParameters.Read(context.Parameters);
        var teacherPath = context.Parameters.GetOptionalString("teacher");
        var studentPath = context.Parameters.GetOptionalString("student");
        var teacher = string.IsNullOrEmpty(teacherPath) ? context.BaselineModel : TeacherOutputs.LoadModel(context, "teacher", teacherPath);
        var student = string.IsNullOrEmpty(studentPath) ? context.Model : TeacherOutputs.LoadModel(context, "student", studentPath);
        return TrainingPassRunner.Run(context, "distill", student, teacher, options);
    }
}
