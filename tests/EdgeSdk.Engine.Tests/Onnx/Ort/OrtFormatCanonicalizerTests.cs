// Issue 17: model.ort must be byte-identical for identical inputs. ONNX Runtime creates the entries of its kernel
// type-string table in the order of per-process seeded hash maps, so two processes write different bytes; within
// one process the order is fixed, so these tests reproduce the cause by re-creating the table's entries in
// shuffled orders (the vectors stay sorted, as ORT keeps them). Every layout must canonicalize to the same bytes,
// and the canonical file must load in ONNX Runtime and compute what the .onnx computes, on several fixture models
// (CNN, MobileNet, transformer, MLP and a static QDQ int8 model). Malformed buffers give EDGE4033, never an exception.
using EdgeSdk.Diagnostics;
using EdgeSdk.Engine.Tests.Quantization;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Ort;
using EdgeSdk.Pipeline;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx.Ort;

public sealed class OrtFormatCanonicalizerTests
{
    public static TheoryData<string, string> Models => new()
    {
        { "digits_cnn", "digits" },
        { "digits32_mobilenet", "digits32" },
        { "digits_transformer", "digits" },
        { "digits_mlp", "digits" },
        { "qdq:digits_cnn", "digits" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryCreationOrderOfTheTypeStringTableGivesTheSameCanonicalBytes(string model, string set)
    {
        _ = set;
        var ort = OrtOf(model);
        var canonical = OrtFormatCanonicalizer.Canonicalize(ort);

        var layouts = Enumerable.Range(1, 4).Select(seed => OrtFormatCanonicalizer.Rewrite(ort, new Random(seed))).ToList();
        layouts.Where(l => !l.SequenceEqual(canonical)).Should().NotBeEmpty("other creation orders give other bytes: the cause reproduced");
        foreach (var layout in layouts.Append(ort))
        {
            OrtFormatCanonicalizer.Canonicalize(layout).Should().Equal(canonical);
        }

        OrtFormatCanonicalizer.Canonicalize(canonical).Should().Equal(canonical, "the canonical form is a fixed point");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void TheCanonicalFileLoadsAndComputesWhatTheOnnxModelComputes(string model, string set)
    {
        var ort = OrtOf(model);
        var canonical = OrtFormatCanonicalizer.Canonicalize(ort);
        canonical.Should().NotEqual(ort, "the test runs a rewritten file");
        using var reference = InferenceSession.FromBytes(OnnxOf(model));
        using var asWritten = InferenceSession.FromBytes(ort, source: model + " (ORT's bytes)");
        using var session = InferenceSession.FromBytes(canonical, source: model + " (canonical)");
        session.Inputs.Select(i => i.Name).Should().Equal(reference.Inputs.Select(i => i.Name));
        session.Outputs.Select(o => o.Name).Should().Equal(reference.Outputs.Select(o => o.Name));

        var input = reference.Inputs[0];
        var data = FixtureData.Split(set, "test").Inputs["input"].SliceRows(0, 32).AsFloat();
        var feed = new Dictionary<string, Tensor> { [input.Name] = Tensor.FromFloat(data, [32, .. input.Shape.Skip(1)]) };
        var expected = reference.Run(feed);
        var written = asWritten.Run(feed);
        var actual = session.Run(feed);
        foreach (var (name, tensor) in expected)
        {
            actual[name].Shape.Should().Equal(tensor.Shape);
            actual[name].AsFloat().Should().Equal(written[name].AsFloat(), $"{name}: the rewrite changes the layout, not the graph ORT runs");
            actual[name].AsFloat().Zip(tensor.AsFloat(), (a, b) => Math.Abs(a - b)).Max().Should().BeLessThan(1e-4f,
                $"{name} of the .ort matches the .onnx's (the .ort holds the graph after basic optimizations, so float sums may be ordered differently)");
        }
    }

    [Fact]
    public void TheWriterPublishesTheCanonicalBytes()
    {
        var dir = TestPaths.NewTempDir("ortcanon");
        var onnx = Path.Combine(dir, "model.onnx");
        File.Copy(TestPaths.Model("digits_cnn"), onnx);
        var diagnostics = new List<EdgeDiagnostic>();
        OrtFormatWriter.Write(onnx, Path.Combine(dir, "model.ort"), diagnostics.Add);

        diagnostics.Should().BeEmpty();
        File.ReadAllBytes(Path.Combine(dir, "model.ort")).Should().Equal(OrtFormatCanonicalizer.Canonicalize(OrtOf("digits_cnn")));
        Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo(["model.onnx", "model.ort"], "no temporary file is left");
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("header only")]
    [InlineData("truncated to half")]
    [InlineData("front cut off")]
    [InlineData("wrong identifier")]
    [InlineData("root offset past the end")]
    [InlineData("garbage in the type-string table")]
    public void MalformedBuffersGiveEdge4033AndKeepOrtsBytes(string damage)
    {
        var ort = OrtOf("digits_mlp");
        var bad = damage switch
        {
            "empty" => [],
            "header only" => ort[..8],
            "truncated to half" => ort[..(ort.Length / 2)],
            "front cut off" => ort[64..],
            "wrong identifier" => [.. ort[..4], .. "ONNX"u8, .. ort[8..]],
            "root offset past the end" => [.. BitConverter.GetBytes(ort.Length + 16), .. ort[4..]],
            _ => Garbled(ort),
        };

        var (bytes, warning) = OrtCanonicalBytes.Of(bad, "obj/edge/m/model.ort");

        bytes.Should().BeSameAs(bad, "a file that cannot be rewritten safely is kept as ORT wrote it");
        warning.Should().NotBeNull();
        warning!.Code.Should().Be("EDGE4033");
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain("obj/edge/m/model.ort").And.Contain("kept as ONNX Runtime wrote it");
    }

    [Fact]
    public void ABufferWithUnknownBytesBeforeTheModelIsRefused()
    {
        // A byte before the model that belongs to neither the root table nor the type-string table could be part
        // of something the model references; dropping it would be silently wrong, so the rewrite refuses.
        var canonical = OrtFormatCanonicalizer.Canonicalize(OrtOf("digits_cnn"));
        var reader = new OrtFlatBufferReader(canonical);
        var root = reader.Root(OrtFormatCanonicalizer.FileIdentifier);
        _ = OrtKernelTypeStrTable.Read(reader, reader.Reference(root, 3));
        var model = reader.Reference(root, 1);
        var modelStart = Math.Min(model, reader.VTable(model));
        var padding = Enumerable.Range(0, modelStart).Where(i => !reader.Extents.Any(e => e.Start <= i && i < e.End)).ToList();
        padding.Should().NotBeEmpty("the canonical file pads its front to 64 bytes");
        var bad = (byte[])canonical.Clone();
        bad[padding[0]] = 0x5A;

        var act = () => OrtFormatCanonicalizer.Canonicalize(bad);

        act.Should().Throw<OrtFormatException>().WithMessage("*belong to no object*");
        OrtCanonicalBytes.Of(bad, "model.ort").Warning!.Code.Should().Be("EDGE4033");
    }

    // Points the first operator entry's op_id offset far past the end of the buffer.
    private static byte[] Garbled(byte[] ort)
    {
        var reader = new OrtFlatBufferReader(ort);
        var root = reader.Root(OrtFormatCanonicalizer.FileIdentifier);
        var first = reader.Tables(reader.Reference(root, 3), 0)[0];
        var bad = (byte[])ort.Clone();
        BitConverter.GetBytes(0x7FFFFFF0).CopyTo(bad, reader.Field(first, 0));
        return bad;
    }

    private static readonly Dictionary<string, byte[]> OnnxCache = [];

    private static byte[] OnnxOf(string model)
    {
        lock (OnnxCache)
        {
            if (!OnnxCache.TryGetValue(model, out var bytes))
            {
                bytes = model.StartsWith("qdq:", StringComparison.Ordinal)
                    ? ModelFile.ToBytes(QuantizationTestKit.Quantize(QuantizationTestKit.Fused(model[4..]), "digits",
                        QuantizationTestKit.Parameters(("mode", "static"), ("calibration_samples", 64L), ("sqnr_samples", 0L))).Model.Model)
                    : File.ReadAllBytes(TestPaths.Model(model));
                OnnxCache[model] = bytes;
            }

            return bytes;
        }
    }

    // ORT's own .ort bytes, as OrtFormatWriter gets them before canonicalizing.
    private static byte[] OrtOf(string model)
    {
        var dir = TestPaths.NewTempDir("ortcanon");
        var onnx = Path.Combine(dir, "model.onnx");
        File.WriteAllBytes(onnx, OnnxOf(model));
        var ort = Path.Combine(dir, "model.ort");
        using (InferenceSession.FromFile(onnx, new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.Basic, OptimizedModelFilePath = ort, SaveOrtFormat = true }))
        {
        }

        return File.ReadAllBytes(ort);
    }
}
