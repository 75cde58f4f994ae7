// The distill pass's options: the shared training options, and optional teacher and student files, which
// are checked when the recipe loads.
using EdgeSdk.Passes.Options;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Options of the <c>distill</c> pass.</summary>
internal sealed record DistillOptions
{
    /// <summary>Gets the declarations (the one place the pass's recipe parameters are defined).</summary>
    public static PassOptionSet<DistillOptions> Declarations { get; } = new(
        "distill",
        new DistillOptions(),
        [
            .. TrainingOptionDeclarations.Common<DistillOptions>(epochs: 30, learningRate: 1e-2, alpha: 0.1, o => o.Training, (o, t) => o with { Training = t }),
            OptionFactory<DistillOptions>.Text("teacher", "Teacher ONNX file relative to the recipe; default: the pipeline's input (baseline) model.", null, (o, v) => o with { Teacher = string.IsNullOrEmpty(v) ? null : v }, o => o.Teacher),
            OptionFactory<DistillOptions>.Text("student", "Student ONNX file relative to the recipe; default: the current model.", null, (o, v) => o with { Student = string.IsNullOrEmpty(v) ? null : v }, o => o.Student),
        ],
        Check);

    /// <summary>Gets the training settings.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Gets the teacher ONNX file, or null for the pipeline's input model.</summary>
    public string? Teacher { get; init; }

    /// <summary>Gets the student ONNX file, or null for the current model.</summary>
    public string? Student { get; init; }

    private static DistillOptions Check(DistillOptions o, OptionCheckContext context)
    {
        TrainingOptionDeclarations.CheckModelFile(context, "teacher", o.Teacher, baselineAllowed: false);
        TrainingOptionDeclarations.CheckModelFile(context, "student", o.Student, baselineAllowed: false);
        return o;
    }
}
