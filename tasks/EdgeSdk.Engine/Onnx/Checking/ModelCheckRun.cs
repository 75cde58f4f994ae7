// The engine side of `edgesdk check MODEL`: loads the model leniently (so a missing ir_version is a
// finding, not a load failure), runs the checker, prints each finding in canonical form followed by a
// summary line, and returns the exit code (0 clean or warnings only, 1 errors). Bad input throws.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Runs the checker on a model file and prints the findings.</summary>
internal static class ModelCheckRun
{
    /// <summary>Checks the model at <paramref name="path"/>, writes findings to <paramref name="output"/>, and returns 0 or 1.</summary>
    public static int Run(string path, TextWriter output)
    {
        var findings = ModelChecker.Check(ModelFile.Load(path, ModelLoadOptions.Lenient), path);
        foreach (var finding in findings)
        {
            output.WriteLine(finding.ToString());
        }

        var errors = findings.Count(f => f.Severity == DiagnosticSeverity.Error);
        var warnings = findings.Count(f => f.Severity == DiagnosticSeverity.Warning);
        output.WriteLine(errors + warnings == 0 ? $"{path}: no problems found." : $"{path}: {errors} error(s), {warnings} warning(s).");
        return errors > 0 ? 1 : 0;
    }
}
