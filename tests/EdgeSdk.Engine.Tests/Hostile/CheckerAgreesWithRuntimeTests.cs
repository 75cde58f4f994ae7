// `edgesdk check` must say what ONNX Runtime will say: a model ORT refuses to load (unknown operator, an
// initializer whose data does not fit its shape, an IR version or opset it does not support) is an error
// in the checker, and a model ORT loads has no checker error. ORT itself is the oracle for every variant.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Checking;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;

namespace EdgeSdk.Engine.Tests.Hostile;

public sealed class CheckerAgreesWithRuntimeTests
{
    public static TheoryData<string> Variants => [.. Variant.All.Keys];

    [Theory]
    [MemberData(nameof(Variants))]
    public void CheckerReportsAnErrorExactlyWhenOnnxRuntimeRefusesTheModel(string variant)
    {
        var model = HostileCorpus.TinyModel();
        var expectedCode = Variant.All[variant](model);

        string? ortError = null;
        try
        {
            using var session = InferenceSession.FromModel(model);
        }
        catch (EdgeException ex)
        {
            ortError = ex.Message;
        }

        var findings = ModelChecker.Check(model, "model.onnx");
        var errors = findings.Where(f => f.Severity == DiagnosticSeverity.Error).ToList();
        (errors.Count > 0).Should().Be(ortError is not null, $"ORT said: {ortError ?? "loads"}; checker said: {string.Join(" | ", findings)}");
        if (expectedCode is not null)
        {
            findings.Should().Contain(f => f.Code == expectedCode, string.Join(" | ", findings));
        }
    }

    private static class Variant
    {
        public static readonly Dictionary<string, Func<ModelProto, string?>> All = new()
        {
            ["valid"] = _ => null,
            ["ir_version_3"] = m => { m.IrVersion = 3; return null; },
            ["ir_version_2"] = m => { m.IrVersion = 2; return null; },
            ["ir_version_1"] = m => { m.IrVersion = 1; return null; },
            ["opset_1"] = m => { m.OpsetImport[0].Version = 1; m.IrVersion = 3; return null; },
            ["ir_version_14"] = m => { m.IrVersion = 14; return "EDGE4017"; },
            ["opset_7"] = m => { m.OpsetImport[0].Version = 7; m.IrVersion = 3; return null; },
            ["opset_6"] = m => { m.OpsetImport[0].Version = 6; m.IrVersion = 3; return null; },
            ["opset_27"] = m => { m.OpsetImport[0].Version = 27; m.IrVersion = 12; return "EDGE4017"; },
            ["opset_40"] = m => { m.OpsetImport[0].Version = 40; m.IrVersion = 12; return "EDGE4017"; },
            ["unknown_operator"] = m => { m.Graph.Node[0].OpType = "MatMull"; return "EDGE4022"; },
            ["initializer_short"] = m => { m.Graph.Initializer[0].RawData = Google.Protobuf.ByteString.CopyFrom(new byte[8]); return "EDGE4023"; },
            ["nan_weight"] = m => { m.Graph.Initializer[0].RawData = Google.Protobuf.ByteString.CopyFrom([.. BitConverter.GetBytes(float.NaN), .. new byte[28]]); return "EDGE4024"; },
        };
    }
}
