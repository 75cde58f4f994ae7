// The kind of model an evaluation scores (which metrics apply); the recipe names it, evaluation uses it.
using EdgeSdk.Recipes;

namespace EdgeSdk.Evaluation;

/// <summary>What the model predicts, which decides how its outputs are scored.</summary>
internal enum EvaluationTask
{
    /// <summary>One class out of several (argmax of the output).</summary>
    Multiclass,

    /// <summary>Two classes (a score or two logits).</summary>
    Binary,

    /// <summary>A real value.</summary>
    Regression,
}
