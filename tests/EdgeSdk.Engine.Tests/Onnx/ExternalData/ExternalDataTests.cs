using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using EdgeSdk.Tests;

namespace EdgeSdk.Engine.Tests.Onnx.ExternalData;

public class ExternalDataTests
{
    private static ModelProto WithExternal(string location, string offset = "0", string? length = "20")
    {
        var model = new OnnxModelBuilder().Input("x", "5").Output("y").Model;
        var w = new TensorProto { Name = "w", DataType = (int)TensorElementType.Float, DataLocation = TensorProto.Types.DataLocation.External };
        w.Dims.Add(5);
        w.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        w.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset });
        if (length is not null)
        {
            w.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length });
        }

        model.Graph.Initializer.Add(w);
        model.Graph.Node.Add(new NodeProto { OpType = "Add", Name = "add", Input = { "x", "w" }, Output = { "y" } });
        return model;
    }

    private static byte[] Floats(params float[] values) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    private static string Write(string dir, ModelProto model, string name = "m.onnx")
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, ModelFile.ToBytes(model));
        return path;
    }

    [Fact]
    public void LoadReadsLocationOffsetAndLength()
    {
        var dir = TestPaths.NewTempDir("extdata");
        File.WriteAllBytes(Path.Combine(dir, "w.bin"), [.. new byte[8], .. Floats(1, 2, 3, 4, 5), 9, 9]);
        var model = ModelFile.Load(Write(dir, WithExternal("w.bin", "8")));
        TensorProtoConverter.ToFloatArray(model.Graph.Initializer[0]).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void LoadWithoutLengthReadsToTheEndOfTheFileAndAcceptsSubfolders()
    {
        var dir = TestPaths.NewTempDir("extdata");
        Directory.CreateDirectory(Path.Combine(dir, "weights"));
        File.WriteAllBytes(Path.Combine(dir, "weights", "w.bin"), Floats(5, 4, 3, 2, 1));
        var model = ModelFile.Load(Write(dir, WithExternal("weights/w.bin", length: null)));
        TensorProtoConverter.ToFloatArray(model.Graph.Initializer[0]).Should().Equal(5, 4, 3, 2, 1);
    }

    [Theory]
    [InlineData("../outside.bin", "'..'")]
    [InlineData("sub/../../outside.bin", "'..'")]
    [InlineData("/etc/passwd", "absolute")]
    public void LocationsLeavingTheFolderAreRefusedBeforeReading(string location, string reason)
    {
        var root = TestPaths.NewTempDir("extdata");
        var dir = Path.Combine(root, "model");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(root, "outside.bin"), Floats(1, 2, 3, 4, 5));
        var act = () => ModelFile.Load(Write(dir, WithExternal(location)));
        var d = act.Should().Throw<EdgeException>().Which.Diagnostics.Single();
        d.Code.Should().Be("EDGE4030");
        d.Message.Should().Contain("'w'").And.Contain(location).And.Contain(reason).And.Contain("Nothing was read");
        d.Location!.File.Should().EndWith("m.onnx");
    }

    [Fact]
    public void ASymlinkThatEscapesTheFolderIsRefused()
    {
        var root = TestPaths.NewTempDir("extdata");
        var dir = Path.Combine(root, "model");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(root, "secret.bin"), Floats(1, 2, 3, 4, 5));
        File.CreateSymbolicLink(Path.Combine(dir, "w.bin"), Path.Combine(root, "secret.bin"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "linked"), root);
        var viaFile = () => ModelFile.Load(Write(dir, WithExternal("w.bin")));
        var viaFolder = () => ModelFile.Load(Write(dir, WithExternal("linked/secret.bin"), "n.onnx"));
        viaFile.Should().Throw<EdgeException>().Which.Diagnostics.Single().Message.Should().Contain("symbolic link");
        viaFolder.Should().Throw<EdgeException>().Which.Diagnostics.Single().Code.Should().Be("EDGE4030");
    }

    [Fact]
    public void ASymlinkInsideTheFolderIsAllowed()
    {
        var dir = TestPaths.NewTempDir("extdata");
        File.WriteAllBytes(Path.Combine(dir, "real.bin"), Floats(1, 2, 3, 4, 5));
        File.CreateSymbolicLink(Path.Combine(dir, "w.bin"), "real.bin");
        TensorProtoConverter.ToFloatArray(ModelFile.Load(Write(dir, WithExternal("w.bin"))).Graph.Initializer[0]).Should().Equal(1, 2, 3, 4, 5);
    }

    [Theory]
    [InlineData("missing.bin", "0", "20", "does not exist")]
    [InlineData("w.bin", "8", "20", "but the file has 20 bytes")]
    [InlineData("w.bin", "0", "16", "need 20")]
    [InlineData("w.bin", "-4", "20", "not a non-negative integer")]
    public void BadReferencesAreLocatedEdge4031Errors(string location, string offset, string length, string message)
    {
        var dir = TestPaths.NewTempDir("extdata");
        File.WriteAllBytes(Path.Combine(dir, "w.bin"), Floats(1, 2, 3, 4, 5));
        var act = () => ModelFile.Load(Write(dir, WithExternal(location, offset, length)));
        var d = act.Should().Throw<EdgeException>().Which.Diagnostics.Single();
        d.Code.Should().Be("EDGE4031");
        d.Message.Should().Contain(message);
    }

    [Fact]
    public void SaveAboveTheThresholdWritesOneDataFileThatOrtLoads()
    {
        var dir = TestPaths.NewTempDir("extdata");
        var path = Path.Combine(dir, "cnn.onnx");
        var model = ModelFile.Load(TestPaths.Model("digits_cnn"));
        ModelFile.Save(model, path, new ModelSaveOptions { ExternalDataThreshold = 4096, ExternalDataFileName = "cnn.weights" });

        var saved = ModelFile.Load(path, new ModelLoadOptions { LoadExternalData = false });
        var external = saved.Graph.Initializer.Where(ExternalDataReference.IsExternal).ToList();
        external.Should().NotBeEmpty();
        external.Should().OnlyContain(t => t.ExternalData.Single(e => e.Key == "location").Value == "cnn.weights" && t.RawData.IsEmpty);
        saved.Graph.Initializer.Where(t => !ExternalDataReference.IsExternal(t)).Should().OnlyContain(t => t.RawData.Length < 4096);
        external.Where(t => long.Parse(t.ExternalData.Single(e => e.Key == "length").Value) >= 4096)
            .Should().OnlyContain(t => long.Parse(t.ExternalData.Single(e => e.Key == "offset").Value) % 4096 == 0);
        Directory.GetFiles(dir).Select(Path.GetFileName).Should().BeEquivalentTo(["cnn.onnx", "cnn.weights"]);
        new FileInfo(path).Length.Should().BeLessThan(20_000);

        ModelFile.Load(path).Should().Be(model);

        var x = NpyFile.Read(TestPaths.Data("digits", "test_x.npy")).SliceRows(0, 16);
        using var original = InferenceSession.FromFile(TestPaths.Model("digits_cnn"));
        using var resaved = InferenceSession.FromFile(path);
        var expected = original.Run(new Dictionary<string, Tensor> { ["input"] = x })["logits"].AsFloat();
        resaved.Run(new Dictionary<string, Tensor> { ["input"] = x })["logits"].AsFloat().Should().Equal(expected);
    }

    [Fact]
    public void SavingIsDeterministic()
    {
        var dir = TestPaths.NewTempDir("extdata");
        var model = ModelFile.Load(TestPaths.Model("digits_mlp"));
        var options = new ModelSaveOptions { ExternalDataThreshold = 1024 };
        ModelFile.Save(model, Path.Combine(dir, "a.onnx"), options);
        ModelFile.Save(model, Path.Combine(dir, "b.onnx"), options with { ExternalDataFileName = "a.onnx.data" });
        File.ReadAllBytes(Path.Combine(dir, "a.onnx")).Should().Equal(File.ReadAllBytes(Path.Combine(dir, "b.onnx")));
    }

    [Fact]
    public void SaveSwitchesToExternalDataAutomaticallyWhenTheModelWouldExceedTheLimit()
    {
        var dir = TestPaths.NewTempDir("extdata");
        var path = Path.Combine(dir, "big.onnx");
        var model = ModelFile.Load(TestPaths.Model("digits_mlp"));

        // The real limit is 2 GiB; the test lowers it so the switch happens with a small model.
        ModelFile.Save(model, path, new ModelSaveOptions { InlineLimitBytes = 100_000 });

        File.Exists(path + ".data").Should().BeTrue();
        new FileInfo(path).Length.Should().BeLessThan(100_000);
        ModelFile.Load(path).Should().Be(model);
        model.Graph.Initializer.Should().OnlyContain(t => !ExternalDataReference.IsExternal(t), "the caller's model is not modified");
    }

    [Fact]
    public void DefaultSaveKeepsEverythingInline()
    {
        var dir = TestPaths.NewTempDir("extdata");
        var path = Path.Combine(dir, "m.onnx");
        ModelFile.Save(ModelFile.Load(TestPaths.Model("digits_mlp")), path);
        Directory.GetFiles(dir).Should().ContainSingle();
    }

    [Theory]
    [InlineData("../x.data")]
    [InlineData("sub/x.data")]
    [InlineData("/tmp/x.data")]
    public void ADataFileNameWithAFolderIsRefused(string name)
    {
        var dir = TestPaths.NewTempDir("extdata");
        var act = () => ModelFile.Save(ModelFile.Load(TestPaths.Model("digits_mlp")), Path.Combine(dir, "m.onnx"), new ModelSaveOptions { ExternalDataThreshold = 1, ExternalDataFileName = name });
        act.Should().Throw<EdgeException>().Which.Diagnostics.Single().Code.Should().Be("EDGE4032");
        Directory.GetFiles(dir).Should().BeEmpty();
    }

    [Fact]
    public void OrtLoadsExternalDataWeWroteAtAnUnalignedOffset()
    {
        var dir = TestPaths.NewTempDir("extdata");
        File.WriteAllBytes(Path.Combine(dir, "w.bin"), [1, 2, 3, .. Floats(1, 2, 3, 4, 5)]);
        var path = Write(dir, WithExternal("w.bin", "3"));
        using var session = InferenceSession.FromFile(path);
        var y = session.Run(new Dictionary<string, Tensor> { ["x"] = Tensor.FromFloat([10, 10, 10, 10, 10], 5) })["y"].AsFloat();
        y.Should().Equal(11, 12, 13, 14, 15);
        TensorProtoConverter.ToFloatArray(ModelFile.Load(path).Graph.Initializer[0]).Should().Equal(1, 2, 3, 4, 5);
    }

    [Fact]
    public void CheckerReportsAMissingDataFileWhenItKnowsTheModelPath()
    {
        var dir = TestPaths.NewTempDir("extdata");
        var path = Write(dir, WithExternal("gone.bin"));
        var d = EdgeSdk.Onnx.Checking.ModelChecker.Check(ModelFile.Load(path, ModelLoadOptions.Lenient), path).Should().ContainSingle().Subject;
        d.Code.Should().Be("EDGE4031");
    }

    [Fact]
    public void SavingOverADataFileTheModelStillReadsIsRefused()
    {
        var dir = TestPaths.NewTempDir("extdata");
        var path = Path.Combine(dir, "m.onnx");
        ModelFile.Save(ModelFile.Load(TestPaths.Model("digits_mlp")), path, new ModelSaveOptions { ExternalDataThreshold = 1024 });
        var before = File.ReadAllBytes(path + ".data");
        var lazy = ModelFile.Load(path, new ModelLoadOptions { LoadExternalData = false });
        var act = () => ModelFile.Save(lazy, path, new ModelSaveOptions { ExternalDataThreshold = 16 });
        act.Should().Throw<EdgeException>().Which.Diagnostics.Single().Code.Should().Be("EDGE4032");
        File.ReadAllBytes(path + ".data").Should().Equal(before);
    }
}
