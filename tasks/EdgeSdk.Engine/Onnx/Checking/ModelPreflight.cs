// The checker run before the pipeline hands a model to a pass or to ONNX Runtime: a structural error
// (a dangling input, a cycle, an unknown operator, initializer data that does not fit its shape) is
// reported as what it is, instead of whatever a pass or ONNX Runtime trips over later ("Graph output does
// not exist", a KeyNotFoundException). Warnings (NaN weights …) go to the sink and the build goes on.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Checks a model before it is used.</summary>
internal static class ModelPreflight
{
    /// <summary>Throws an <see cref="EdgeException"/> with every checker error of <paramref name="model"/>; reports its warnings to <paramref name="report"/> (when given).</summary>
    public static void Require(ModelProto model, string path, Action<EdgeDiagnostic>? report)
    {
        var findings = ModelChecker.Check(model, path);
        var errors = findings.Where(f => f.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new EdgeException(errors);
        }

        foreach (var warning in findings)
        {
            report?.Invoke(warning);
        }
    }
}
