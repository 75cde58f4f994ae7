// The finetune pass's options: the shared training options and an optional teacher, whose file is checked
// when the recipe loads. With a teacher and no explicit alpha, labels and teacher weigh half each.
using EdgeSdk.Passes.Options;
using EdgeSdk.Training.Loop;

namespace EdgeSdk.Passes.Training;

/// <summary>Options of the <c>finetune</c> pass.</summary>
internal sealed record FinetuneOptions
{
    /// <summary>Gets the declarations (the one place the pass's recipe parameters are defined).</summary>
    public static PassOptionSet<FinetuneOptions> Declarations { get; } = new(
        "finetune",
        new FinetuneOptions(),
        [
            .. TrainingOptionDeclarations.Common<FinetuneOptions>(epochs: 5, learningRate: 1e-3, alpha: 1.0, o => o.Training, (o, t) => o with { Training = t }),
            OptionFactory<FinetuneOptions>.Text("teacher", "Optional teacher: 'baseline' for the pipeline's input model, or an ONNX file relative to the recipe; used with weight 1−alpha (alpha defaults to 0.5 with a teacher).", null, (o, v) => o with { Teacher = string.IsNullOrEmpty(v) ? null : v }, o => o.Teacher),
        ],
        Check);

    /// <summary>Gets the training settings.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Gets the teacher: null, <c>baseline</c>, or an ONNX file relative to the recipe.</summary>
    public string? Teacher { get; init; }

    private static FinetuneOptions Check(FinetuneOptions o, OptionCheckContext context)
    {
        TrainingOptionDeclarations.CheckModelFile(context, "teacher", o.Teacher, baselineAllowed: true);
        return o.Teacher is not null && !context.IsSet("alpha") ? o with { Training = o.Training with { Alpha = 0.5f } } : o;
    }
}
