using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tests;
using Google.Protobuf;

namespace EdgeSdk.Engine.Tests.Onnx.Lossless;

public class LosslessRoundTripTests
{
    private static readonly ModelLoadOptions KeepExternal = new() { LoadExternalData = false };

    [Fact]
    public void TheAllFieldsModelSetsEveryFieldOfTheSchema()
    {
        var set = ProtoFieldCoverage.SetFields(AllFieldsModel.Build());
        ProtoFieldCoverage.AllFields().Except(set).Should().BeEmpty();
        ProtoFieldCoverage.AllFields().Count.Should().BeGreaterThan(100);
    }

    [Fact]
    public void TheAllFieldsModelCoversEveryTensorDataType()
    {
        var types = AllFieldsModel.Build().Graph.Initializer.Select(t => (TensorProto.Types.DataType)t.DataType).ToHashSet();
        types.Should().BeEquivalentTo(Enum.GetValues<TensorProto.Types.DataType>().Where(t => t != TensorProto.Types.DataType.Undefined));
    }

    [Fact]
    public void EveryFieldSurvivesLoadSaveLoadAsAnEqualMessageAndEqualBytes()
    {
        var dir = TestPaths.NewTempDir("lossless");
        var original = AllFieldsModel.Build();
        var first = Path.Combine(dir, "first.onnx");
        var second = Path.Combine(dir, "second.onnx");
        File.WriteAllBytes(first, original.ToByteArray());

        var loaded = ModelFile.Load(first, KeepExternal);
        ModelFile.Save(loaded, second);
        var reloaded = ModelFile.Load(second, KeepExternal);

        loaded.Should().Be(original);
        reloaded.Should().Be(original);
        File.ReadAllBytes(second).Should().Equal(File.ReadAllBytes(first));
        ProtoFieldCoverage.SetFields(reloaded).Should().BeEquivalentTo(ProtoFieldCoverage.AllFields());
    }

    [Fact]
    public void UnknownFieldsAtEveryLevelArePreservedByteForByte()
    {
        var model = AllFieldsModel.Build();
        var node = model.Graph.Node[0];
        var nodeBytes = node.ToByteArray().Concat(UnknownField(fieldNumber: 50, "node extension")).ToArray();
        model.Graph.Node[0] = NodeProto.Parser.ParseFrom(nodeBytes);
        var tensorBytes = model.Graph.Initializer[0].ToByteArray().Concat(UnknownField(fieldNumber: 15, "reserved-but-unused field 15")).ToArray();
        model.Graph.Initializer[0] = TensorProto.Parser.ParseFrom(tensorBytes);
        var bytes = model.ToByteArray().Concat(UnknownField(fieldNumber: 1000, "future model field")).ToArray();

        var dir = TestPaths.NewTempDir("lossless");
        var first = Path.Combine(dir, "unknown.onnx");
        var second = Path.Combine(dir, "unknown2.onnx");
        File.WriteAllBytes(first, bytes);
        ModelFile.Save(ModelFile.Load(first, KeepExternal), second);

        File.ReadAllBytes(second).Should().Equal(bytes);
        ModelFile.Load(second, KeepExternal).Graph.Node[0].ToByteArray().Should().EndWith(UnknownField(50, "node extension"));
    }

    [Fact]
    public void UnpackedRepeatedFieldsFromProto2WritersLoadAsTheSameMessage()
    {
        // dims written unpacked (one tag per element) as onnx's proto2 writers do.
        var tensor = new TensorProto { Name = "w", DataType = 1, RawData = ByteString.CopyFrom(new byte[24]) };
        tensor.Dims.Add([2, 3]);
        var unpacked = new MemoryStream();
        var output = new CodedOutputStream(unpacked);
        foreach (var d in tensor.Dims)
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteInt64(d);
        }

        output.WriteTag(2, WireFormat.WireType.Varint);
        output.WriteInt32(1);
        output.WriteTag(8, WireFormat.WireType.LengthDelimited);
        output.WriteString("w");
        output.WriteTag(9, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(new byte[24]));
        output.Flush();
        TensorProto.Parser.ParseFrom(unpacked.ToArray()).Should().Be(tensor);
    }

    [Fact]
    public void ExternalInitializerOfTheAllFieldsModelLoadsItsBytes()
    {
        var dir = TestPaths.NewTempDir("lossless");
        var path = Path.Combine(dir, "m.onnx");
        var data = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        File.WriteAllBytes(Path.Combine(dir, AllFieldsModel.ExternalFileName), data);
        File.WriteAllBytes(path, AllFieldsModel.Build().ToByteArray());

        var loaded = ModelFile.Load(path);
        var external = loaded.Graph.Initializer.Single(t => t.Name == "t_external");
        external.RawData.ToByteArray().Should().Equal(data[4..24]);
        external.DataLocation.Should().Be(TensorProto.Types.DataLocation.Default);
        external.ExternalData.Should().BeEmpty();
        var expected = AllFieldsModel.Build();
        var e = expected.Graph.Initializer.Single(t => t.Name == "t_external");
        e.ExternalData.Clear();
        e.DataLocation = TensorProto.Types.DataLocation.Default;
        e.RawData = ByteString.CopyFrom(data[4..24]);
        loaded.Should().Be(expected);
    }

    private static byte[] UnknownField(int fieldNumber, string payload)
    {
        var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(fieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteString(payload);
        output.Flush();
        return stream.ToArray();
    }
}
