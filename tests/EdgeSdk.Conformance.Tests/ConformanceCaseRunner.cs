// Runs one backend test case: ModelFile round trip (load, save to a scratch folder, load again gives an
// equal message), then a session on the round-tripped model, fed every test_data_set's input_N.pb and
// compared with its output_N.pb. Errors are caught and categorized, never thrown.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;

namespace EdgeSdk.Conformance.Tests;

/// <summary>Runs a <see cref="ConformanceCase"/>.</summary>
internal static class ConformanceCaseRunner
{
    private static readonly SessionOptions Options = new() { IntraOpThreads = 1, InterOpThreads = 1 };

    /// <summary>Runs the case and categorizes the outcome.</summary>
    public static CaseResult Run(ConformanceCase testCase, double absoluteTolerance = ValueComparer.AbsoluteTolerance)
    {
        ModelProto model;
        byte[] bytes;
        var scratch = Path.Combine(Path.GetTempPath(), $"edgesdk-conformance-{Guid.NewGuid():N}");
        try
        {
            model = ModelFile.Load(testCase.ModelPath);
            Directory.CreateDirectory(scratch);
            var saved = Path.Combine(scratch, "model.onnx");
            ModelFile.Save(model, saved);
            var reloaded = ModelFile.Load(saved);
            if (!reloaded.Equals(model))
            {
                return new(testCase.Id, CaseStatus.RoundTripMismatch, "ModelFile.Load(ModelFile.Save(model)) differs from model");
            }

            bytes = ModelFile.ToBytes(reloaded);
        }
        catch (EdgeException ex)
        {
            return new(testCase.Id, CaseStatus.RoundTripMismatch, ex.Message);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }

        InferenceSession session;
        try
        {
            session = InferenceSession.FromBytes(bytes, Options, testCase.Id);
        }
        catch (EdgeException ex)
        {
            return Categorize(testCase.Id, ex, CaseStatus.OrtRefusedLoad);
        }

        using (session)
        {
            foreach (var dataSet in testCase.DataSets)
            {
                try
                {
                    if (RunDataSet(session, model.Graph, dataSet, absoluteTolerance) is { } difference)
                    {
                        return new(testCase.Id, CaseStatus.Mismatch, $"{Path.GetFileName(dataSet)}: {difference}");
                    }
                }
                catch (EdgeException ex)
                {
                    return Categorize(testCase.Id, ex, CaseStatus.OrtRefusedRun);
                }
                catch (NotSupportedException ex)
                {
                    return new(testCase.Id, CaseStatus.NotMarshalled, ex.Message);
                }
            }
        }

        return new(testCase.Id, CaseStatus.Passed, null);
    }

    private static string? RunDataSet(InferenceSession session, GraphProto graph, string dataSet, double absoluteTolerance)
    {
        var initializers = graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var graphInputs = graph.Input.Where(i => !initializers.Contains(i.Name)).ToList();
        var inputs = new Dictionary<string, RuntimeValue>(StringComparer.Ordinal);
        foreach (var (file, index) in NumberedFiles(dataSet, "input_"))
        {
            var declared = graphInputs[index];
            var value = OnnxDataReader.Read(file, declared.Type);
            if (value.HasValue)
            {
                inputs[declared.Name] = value;
            }
        }

        var outputFiles = NumberedFiles(dataSet, "output_");
        if (outputFiles.Count == 0)
        {
            return "no output_*.pb reference files";
        }

        var outputNames = outputFiles.Select(f => graph.Output[f.Index].Name).ToList();
        var actual = session.RunValues(inputs, outputNames);
        foreach (var (file, index) in outputFiles)
        {
            var declared = graph.Output[index];
            var expected = OnnxDataReader.Read(file, declared.Type);
            if (ValueComparer.Difference(expected, actual[declared.Name], declared.Name, absoluteTolerance) is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private static List<(string File, int Index)> NumberedFiles(string folder, string prefix) =>
        Directory.GetFiles(folder, prefix + "*.pb")
            .Select(f => (File: f, Index: int.Parse(Path.GetFileNameWithoutExtension(f)[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(f => f.Index)
            .ToList();

    private static CaseResult Categorize(string id, EdgeException ex, CaseStatus ortStatus)
    {
        var code = ex.Diagnostics[0].Code;
        var status = code == DiagnosticCatalog.Runtime.RuntimeError.Code ? ortStatus : CaseStatus.NotMarshalled;
        var reason = ex.Data["OrtMessage"] as string ?? ex.Diagnostics[0].Message;
        return new(id, status, $"{code}: {reason}");
    }
}
