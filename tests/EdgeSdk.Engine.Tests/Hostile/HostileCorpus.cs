// The corpus of bad input issue 17 collected (and the variants found while fixing them): every case is
// generated here into a fresh folder, with the EDGE code (and, for recipes, the line and column) it must
// produce. Devices and FIFOs are made at run time, the rest are ordinary files written by the test.
using System.IO.Compression;
using System.Text;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Hostile;

/// <summary>One bad input and what it must produce.</summary>
/// <param name="Name">A file name that says what is wrong.</param>
/// <param name="Kind">The reader it is fed to.</param>
/// <param name="Code">The EDGE code that must be reported.</param>
/// <param name="Write">Creates the file in a folder and returns its path.</param>
/// <param name="Line">The expected line (0: not checked).</param>
/// <param name="Column">The expected column (0: not checked).</param>
internal sealed record HostileCase(string Name, InputKind Kind, string Code, Func<string, string> Write, int Line = 0, int Column = 0)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>Every hostile input the tests replay.</summary>
internal static class HostileCorpus
{
    /// <summary>Gets the cases.</summary>
    public static IReadOnlyList<HostileCase> All { get; } =
    [
        // Recipes (point 3: bounded work; point 2: no crash; point 4: located errors).
        Recipe("alias_bomb.yaml", "EDGE1022", AliasBomb()),
        Recipe("recursive_alias.yaml", "EDGE1022", "recipe: 1\nevaluate: &a {latency: *a}\n"),
        Recipe("nesting_100000_flow.yaml", "EDGE1021", "recipe: 1\ndata: " + new string('[', 100_000) + new string(']', 100_000) + "\n", 2, 70),
        Recipe("nesting_200_block.yaml", "EDGE1021", "recipe: 1\n" + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "k" + i + ":\n"))),
        Recipe("scalar_100k.yaml", "EDGE1023", "recipe: 1\nmodel: " + new string('a', 100_000) + "\n", 2, 8),
        Recipe("scalar_20mb.yaml", "EDGE0031", "recipe: 1\nmodel: " + new string('a', 20 << 20) + "\n"),
        Recipe("unclosed_flow_mapping.yaml", "EDGE1001", "{evaluation: {inputs: x.npy"),
        Recipe("unclosed_flow_mapping_then_key.yaml", "EDGE1001", "recipe: 1\ndata:\n  evaluation: {inputs: x.npy\nevaluate: x\n", 3, 22),
        Recipe("tab_indentation.yaml", "EDGE1001", "recipe: 1\ndata:\n\tevaluation: x\n", 3, 1),
        Recipe("tab_after_key.yaml", "EDGE1001", "recipe: 1\n\tmodel: x\n", 2, 1),
        Recipe("undefined_property_none_given.yaml", "EDGE1014", "recipe: 1\nmodel: ${Undefined}/m.onnx\n", 2, 8),
        new("recipe_is_fifo.yaml", InputKind.Recipe, "EDGE1001", Fifo, 1, 1),
        new("recipe_is_dev_zero", InputKind.Recipe, "EDGE1001", _ => "/dev/zero", 1, 1),

        // .npy
        Npy("zero_d.npy", InputKind.NpyDataSet, "EDGE6001", "()", 4),
        Npy("negative_dim.npy", InputKind.Npy, "EDGE6001", "(-3, 4)", 48),
        Npy("overflowing_dims.npy", InputKind.Npy, "EDGE6007", "(4294967296, 4294967296, 16)", 16),
        Npy("dims_beyond_file.npy", InputKind.Npy, "EDGE6001", "(1000000, 1000000)", 16),
        Npy("dim_not_a_number.npy", InputKind.Npy, "EDGE6001", "(3, x)", 16),
        Npy("no_samples.npy", InputKind.NpyDataSet, "EDGE6008", "(0, 4)", 0),
        new("npy_header_length_4gib.npy", InputKind.Npy, "EDGE6001", dir => Bytes(dir, "npy_header_length_4gib.npy", [0x93, .. "NUMPY"u8, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, (byte)'{'])),
        new("npy_is_dev_zero", InputKind.Npy, "EDGE0030", _ => "/dev/zero"),
        new("npy_is_fifo.npy", InputKind.Npy, "EDGE0030", Fifo),

        // .npz
        new("npz_member_declares_4gib.npz", InputKind.Npz, "EDGE6007", NpzDeclaring4GiB),
        new("npz_is_fifo.npz", InputKind.Npz, "EDGE0030", Fifo),

        // CSV
        Text("header_only.csv", InputKind.Csv, "EDGE6008", "x,y\n"),
        Text("header_only_data_set.csv", InputKind.CsvDataSet, "EDGE6008", "x\n"),
        Text("ragged.csv", InputKind.Csv, "EDGE6001", "x,y\n1,2\n3\n"),
        new("csv_is_dev_zero", InputKind.Csv, "EDGE0030", _ => "/dev/zero"),
        new("csv_is_fifo.csv", InputKind.Csv, "EDGE0030", Fifo),

        // Models
        new("model_truncated.onnx", InputKind.Model, "EDGE4001", dir => Bytes(dir, "model_truncated.onnx", ModelFile.ToBytes(TinyModel())[..40])),
        new("model_is_fifo.onnx", InputKind.Model, "EDGE0030", Fifo),
        new("initializer_fewer_values_than_shape.onnx", InputKind.Model, "EDGE4023", dir => Model(dir, "initializer_fewer_values_than_shape.onnx", m =>
        {
            var w = m.Graph.Initializer[0];
            w.RawData = Google.Protobuf.ByteString.Empty;
            w.FloatData.AddRange([1f, 2f, 3f]);
        })),
        new("initializer_raw_data_too_long.onnx", InputKind.Model, "EDGE4023", dir => Model(dir, "initializer_raw_data_too_long.onnx", m =>
            m.Graph.Initializer[0].RawData = Google.Protobuf.ByteString.CopyFrom(new byte[1000]))),
        new("initializer_negative_dim.onnx", InputKind.Model, "EDGE4025", dir => Model(dir, "initializer_negative_dim.onnx", m => m.Graph.Initializer[0].Dims[0] = -4)),
        new("initializer_overflowing_dims.onnx", InputKind.Model, "EDGE4025", dir => Model(dir, "initializer_overflowing_dims.onnx", m =>
        {
            m.Graph.Initializer[0].Dims.Clear();
            m.Graph.Initializer[0].Dims.AddRange([1L << 40, 1L << 40]);
        })),
        new("unknown_operator.onnx", InputKind.Model, "EDGE4022", dir => Model(dir, "unknown_operator.onnx", m => m.Graph.Node[0].OpType = "MatMull")),
        new("nan_weight.onnx", InputKind.Model, "EDGE4024", dir => Model(dir, "nan_weight.onnx", m =>
            m.Graph.Initializer[0] = TensorProtoConverter.FromFloat("w", [float.NaN, 2, 3, 4, 5, 6, 7, 8], 4, 2))),
        new("dangling_input.onnx", InputKind.Model, "EDGE4012", dir => Model(dir, "dangling_input.onnx", m => m.Graph.Node[0].Input[1] = "ghost")),
        new("opset_27.onnx", InputKind.Model, "EDGE4017", dir => Model(dir, "opset_27.onnx", m => m.OpsetImport[0].Version = 27)),
    ];

    /// <summary>A minimal valid model: y = MatMul(x[1,4], w[4,2]).</summary>
    public static ModelProto TinyModel()
    {
        var model = new ModelProto { IrVersion = 8, Graph = new GraphProto { Name = "tiny" } };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        model.Graph.Input.Add(Value("x", 1, 4));
        model.Graph.Output.Add(Value("y", 1, 2));
        model.Graph.Initializer.Add(TensorProtoConverter.FromFloat("w", [1, 2, 3, 4, 5, 6, 7, 8], 4, 2));
        var node = new NodeProto { OpType = "MatMul", Name = "mm" };
        node.Input.AddRange(["x", "w"]);
        node.Output.Add("y");
        model.Graph.Node.Add(node);
        return model;
    }

    /// <summary>A float tensor value with a fixed shape.</summary>
    public static ValueInfoProto Value(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.AddRange(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorElementType.Float, Shape = shape } } };
    }

    /// <summary>The 565-byte shape of the issue's alias bomb: nine levels of nine aliases each (9^9 values).</summary>
    public static string AliasBomb()
    {
        var text = new StringBuilder("recipe: 1\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 9; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }

        return text.ToString();
    }

    private static HostileCase Recipe(string name, string code, string yaml, int line = 0, int column = 0) =>
        new(name, InputKind.Recipe, code, dir => Text(dir, name, yaml), line, column);

    private static HostileCase Text(string name, InputKind kind, string code, string text) => new(name, kind, code, dir => Text(dir, name, text));

    private static HostileCase Npy(string name, InputKind kind, string code, string shape, int dataBytes) =>
        new(name, kind, code, dir => Bytes(dir, name, NpyBytes(shape, "<f4", new byte[dataBytes])));

    /// <summary>A version 1.0 .npy file with a hand-written header.</summary>
    public static byte[] NpyBytes(string shape, string descr, byte[] data)
    {
        var header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        header = header.PadRight(((header.Length + 11 + 63) / 64 * 64) - 11) + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)(header.Length & 0xFF), (byte)(header.Length >> 8), .. Encoding.ASCII.GetBytes(header), .. data];
    }

    private static string Text(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Bytes(string dir, string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string Model(string dir, string name, Action<ModelProto> corrupt)
    {
        var model = TinyModel();
        corrupt(model);
        return Bytes(dir, name, ModelFile.ToBytes(model));
    }

    private static string Fifo(string dir)
    {
        var path = Path.Combine(dir, "fifo-" + Guid.NewGuid().ToString("N")[..8]);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        return path;
    }

    /// <summary>An archive whose central directory claims a 4 GiB member (the data is a small valid array).</summary>
    private static string NpzDeclaring4GiB(string dir)
    {
        var path = Path.Combine(dir, "npz_member_declares_4gib.npz");
        NpzFile.Write(path, [new("x", Tensor.FromFloat([1, 2], 2))]);
        var bytes = File.ReadAllBytes(path);
        var central = bytes.AsSpan().LastIndexOf([(byte)0x50, (byte)0x4b, (byte)0x01, (byte)0x02]);
        BitConverter.GetBytes(0xFFFFFFF0u).CopyTo(bytes, central + 24);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
