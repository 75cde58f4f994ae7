// The registry of operator shape rules for the ai.onnx domain, assembled from one class per operator
// family. An operator without a rule gets unknown outputs.
using EdgeSdk.Onnx.Shapes.Rules;

namespace EdgeSdk.Onnx.Shapes;

/// <summary>Looks up the shape rule of an ai.onnx operator.</summary>
internal static class OperatorShapeRules
{
    private static readonly Dictionary<string, ShapeRule> Rules = Build();

    /// <summary>Gets the operator types that have a rule, sorted.</summary>
    public static IReadOnlyList<string> Supported { get; } = Rules.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Returns the rule for <paramref name="opType"/>, or null when the operator is not known.</summary>
    public static ShapeRule? For(string opType) => Rules.GetValueOrDefault(opType);

    private static Dictionary<string, ShapeRule> Build()
    {
        var rules = new Dictionary<string, ShapeRule>(StringComparer.Ordinal);
        ElementwiseShapeRules.Register(rules);
        MatrixShapeRules.Register(rules);
        ConvolutionShapeRules.Register(rules);
        PoolingShapeRules.Register(rules);
        ResizeShapeRules.Register(rules);
        NormalizationShapeRules.Register(rules);
        LayoutShapeRules.Register(rules);
        IndexingShapeRules.Register(rules);
        ReductionShapeRules.Register(rules);
        TypeShapeRules.Register(rules);
        ControlFlowShapeRules.Register(rules);
        RecurrentShapeRules.Register(rules);
        EinsumShapeRule.Register(rules);
        SamplingShapeRules.Register(rules);
        return rules;
    }
}
