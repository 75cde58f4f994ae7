// NPZ, CSV and ONNX TensorProto folders give the same data set as the digits NPY files; bad data gives
// EDGE6xxx errors that name the file and what to fix.
using EdgeSdk.Data;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Recipes;
using EdgeSdk.Tensors;
using Google.Protobuf;

namespace EdgeSdk.Tests.Data;

public sealed class DataSetFormatsTests
{
    private static readonly SourceLocation At = new("r.yaml", 3, 5);
    private static readonly Tensor DigitsX = NpyFile.Read(TestPaths.Data("digits", "test_x.npy"));
    private static readonly Tensor DigitsY = NpyFile.Read(TestPaths.Data("digits", "test_y.npy"));

    [Fact]
    public void NpzArchiveMapsArraysToInputsAndLabels()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "digits.npz");
        NpzFile.Write(path, [new("x", DigitsX), new("y", DigitsY)]);
        var spec = new DataSetSpec { Name = "calibration", Format = DataFormat.Npz, File = path, Inputs = [new DataInputSpec("input", "x", [], At)], Labels = "y", Location = At };

        var set = (InMemoryDataSet)DataSetLoader.Load(spec, ["input"]);

        set.Inputs["input"].AsFloat().Should().Equal(DigitsX.AsFloat());
        set.Inputs["input"].Shape.Should().Equal(DigitsX.Shape);
        set.Labels!.AsInt64().Should().Equal(DigitsY.AsInt64());
    }

    [Fact]
    public void NpzMissingArrayIsAnEdge6ErrorWithDidYouMean()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "d.npz");
        NpzFile.Write(path, [new("images", DigitsX)]);
        var spec = new DataSetSpec { Name = "calibration", Format = DataFormat.Npz, File = path, Inputs = [new DataInputSpec(null, "image", [], At)], Location = At };

        var error = FluentActions.Invoking(() => DataSetLoader.Load(spec, ["input"])).Should().Throw<EdgeException>().Which.Diagnostics.Single();

        error.Code.Should().Be("EDGE6004");
        error.Message.Should().Contain("Did you mean 'images'?");
        error.Location.Should().Be(At);
    }

    [Fact]
    public void CsvColumnsWithReshapeEqualTheNpyData()
    {
        var columns = Enumerable.Range(0, 64).Select(i => $"f{i}").ToList();
        var spec = new DataSetSpec
        {
            Name = "evaluation",
            Format = DataFormat.Csv,
            File = TestPaths.Data("digits", "test.csv"),
            Inputs = [new DataInputSpec(null, string.Join(",", columns), columns, At)],
            Labels = "label",
            Preprocess = [new(null, new PreprocessSpec(null, [], [], LayoutChange.None, At) { Reshape = [1, 8, 8] })],
            Location = At,
        };

        var set = (InMemoryDataSet)DataSetLoader.Load(spec, ["input"]);

        set.Inputs["input"].Shape.Should().Equal(400, 1, 8, 8);
        set.Inputs["input"].AsFloat().Should().Equal(DigitsX.AsFloat());
        set.Labels!.AsInt64().Should().Equal(DigitsY.AsInt64());
    }

    [Fact]
    public void CsvBadValueNamesTheRowAndColumn()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "bad.csv");
        File.WriteAllText(path, "a,b,label\n1,2,0\n3,x,1\n");
        var spec = new DataSetSpec { Name = "training", Format = DataFormat.Csv, File = path, Inputs = [new DataInputSpec(null, "a,b", ["a", "b"], At)], Labels = "label", Location = At };

        var error = FluentActions.Invoking(() => DataSetLoader.Load(spec, ["input"])).Should().Throw<EdgeException>().Which.Diagnostics.Single();

        error.Code.Should().Be("EDGE6005");
        error.Message.Should().Contain("row 2").And.Contain("column 'b'").And.Contain("'x'");
        error.Location.Should().Be(new SourceLocation(path, 3, 1));
    }

    [Fact]
    public void CsvMissingColumnSuggestsTheClosest()
    {
        var spec = new DataSetSpec { Name = "training", Format = DataFormat.Csv, File = TestPaths.Data("digits", "test.csv"), Inputs = [new DataInputSpec(null, "f0", ["f0"], At)], Labels = "labels", Location = At };

        var error = FluentActions.Invoking(() => DataSetLoader.Load(spec, ["input"])).Should().Throw<EdgeException>().Which.Diagnostics.Single();

        error.Code.Should().Be("EDGE6004");
        error.Message.Should().Contain("'labels'").And.Contain("Did you mean 'label'?");
    }

    [Fact]
    public void TensorProtoFoldersAreStackedInOrder()
    {
        var dir = TestPaths.NewTempDir();
        for (var s = 0; s < 2; s++)
        {
            var set = Directory.CreateDirectory(Path.Combine(dir, $"test_data_set_{s}")).FullName;
            var proto = TensorProtoConverter.FromTensor("input", DigitsX.SliceRows(s * 200, 200));
            File.WriteAllBytes(Path.Combine(set, "input_0.pb"), proto.ToByteArray());
        }

        var spec = new DataSetSpec { Name = "evaluation", Format = DataFormat.TensorProto, File = dir, Labels = TestPaths.Data("digits", "test_y.npy"), Location = At };

        var loaded = (InMemoryDataSet)DataSetLoader.Load(spec, ["input"]);

        loaded.Count.Should().Be(400);
        loaded.Inputs["input"].AsFloat().Should().Equal(DigitsX.AsFloat());
        loaded.Labels!.AsInt64().Should().Equal(DigitsY.AsInt64());
    }

    [Fact]
    public void NaNInDataIsAnErrorNamingTheSample()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "x.npy");
        NpyFile.Write(path, Tensor.FromFloat([0, 1, 2, float.NaN, 4, 5], 3, 2));
        var spec = new DataSetSpec { Name = "calibration", Inputs = [new DataInputSpec(null, path, [], At)], Location = At };

        var error = FluentActions.Invoking(() => DataSetLoader.Load(spec, ["input"])).Should().Throw<EdgeException>().Which.Diagnostics.Single();

        error.Code.Should().Be("EDGE6002");
        error.Message.Should().Contain("sample 1").And.Contain(path);
        error.Location.Should().Be(At);
    }

    [Fact]
    public void PreprocessingScalesNormalizesPerChannelAndChangesLayout()
    {
        // One sample, NHWC 1x1x2x2 (H=1, W=2, C=2): pixels (10,20) and (30,40).
        var raw = Tensor.FromFloat([10, 20, 30, 40], 1, 1, 2, 2);
        var spec = new PreprocessSpec(0.1, [1, 2], [2, 4], LayoutChange.NhwcToNchw, At);

        var result = Preprocessor.Apply("evaluation", "input", raw, spec);

        // scale → (1,2),(3,4); channel 0: (1-1)/2=0, (3-1)/2=1; channel 1: (2-2)/4=0, (4-2)/4=0.5; NCHW.
        result.Shape.Should().Equal(1, 2, 1, 2);
        result.AsFloat().Should().Equal(0f, 1f, 0f, 0.5f);
    }

    [Fact]
    public void PreprocessingChannelCountMismatchIsAnEdge6Error()
    {
        var raw = Tensor.FromFloat(new float[12], 1, 3, 2, 2);
        var spec = new PreprocessSpec(null, [0, 0], [1, 1], LayoutChange.None, At);

        var error = FluentActions.Invoking(() => Preprocessor.Apply("evaluation", "input", raw, spec)).Should().Throw<EdgeException>().Which.Diagnostics.Single();

        error.Code.Should().Be("EDGE6006");
        error.Message.Should().Contain("3 channels");
    }
}
