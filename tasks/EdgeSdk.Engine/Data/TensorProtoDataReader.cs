// Reads data in the ONNX test-data layout: a folder `test_data_set_N/` holds `input_K.pb` files, each a
// serialized TensorProto (batch first). Given a model folder with several sets, the sets are stacked in
// name order along the first dimension.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Data;

/// <summary>Reader of ONNX test-data folders.</summary>
internal static class TensorProtoDataReader
{
    /// <summary>
    /// Reads the inputs of every test-data set under <paramref name="folder"/> (or of the folder itself when
    /// it holds <c>input_*.pb</c>), keyed by model input name. <paramref name="sources"/> maps a model
    /// input to a tensor name or <c>input_K</c>; otherwise tensors match by name, then by index.
    /// </summary>
    public static Dictionary<string, Tensor> Read(string folder, IReadOnlyList<string> modelInputNames, IReadOnlyDictionary<string, string> sources, SourceLocation? location)
    {
        if (!Directory.Exists(folder))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The data folder '{folder}' does not exist.", location);
        }

        var sets = Directory.GetFiles(folder, "input_*.pb").Length > 0
            ? [folder]
            : Directory.GetDirectories(folder, "test_data_set_*").Order(StringComparer.Ordinal).ToArray();
        if (sets.Length == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"'{folder}' holds neither input_*.pb files nor test_data_set_* folders (the ONNX test-data layout).", location);
        }

        var perInput = new Dictionary<string, List<Tensor>>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            foreach (var (name, tensor) in ReadSet(set, modelInputNames, sources, location))
            {
                if (!perInput.TryGetValue(name, out var list))
                {
                    perInput[name] = list = [];
                }

                list.Add(tensor);
            }
        }

        return perInput.ToDictionary(kv => kv.Key, kv => Stack(kv.Key, kv.Value, folder, location), StringComparer.Ordinal);
    }

    private static IEnumerable<(string Name, Tensor Tensor)> ReadSet(string set, IReadOnlyList<string> modelInputNames, IReadOnlyDictionary<string, string> sources, SourceLocation? location)
    {
        var files = Directory.GetFiles(set, "input_*.pb").OrderBy(f => IndexOf(f)).ToList();
        var protos = files.Select(f => (File: f, Proto: Parse(f))).ToList();
        if (sources.Count > 0)
        {
            foreach (var (input, source) in sources)
            {
                var match = protos.FirstOrDefault(p => p.Proto.Name == source || Path.GetFileNameWithoutExtension(p.File) == source);
                if (match.Proto is null)
                {
                    throw new EdgeException(DiagnosticCatalog.Data.MissingArray, $"'{set}' has no tensor named '{source}' (nor a file {source}.pb) for input '{input}'. Tensors: {string.Join(", ", protos.Select(p => p.Proto.Name.Length > 0 ? p.Proto.Name : Path.GetFileNameWithoutExtension(p.File)))}.", location);
                }

                yield return (input, TensorProtoConverter.ToTensor(match.Proto));
            }

            yield break;
        }

        for (var k = 0; k < protos.Count; k++)
        {
            var (file, proto) = protos[k];
            var name = modelInputNames.Contains(proto.Name, StringComparer.Ordinal) ? proto.Name
                : k < modelInputNames.Count ? modelInputNames[k]
                : throw new EdgeException(DiagnosticCatalog.Data.InputMismatch, $"'{file}' is input {k}, but the model has only {modelInputNames.Count} input(s).", location);
            yield return (name, TensorProtoConverter.ToTensor(proto));
        }
    }

    private static TensorProto Parse(string file)
    {
        try
        {
            return TensorProto.Parser.ParseFrom(IO.BoundedFile.ReadAllBytes(file, IO.BoundedFile.MemoryLimit, "tensor data file"));
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"'{file}' is not a serialized TensorProto: {ex.Message}.", new SourceLocation(file), ex);
        }
    }

    private static int IndexOf(string file) =>
        int.TryParse(Path.GetFileNameWithoutExtension(file)["input_".Length..], out var k) ? k : int.MaxValue;

    private static Tensor Stack(string input, List<Tensor> parts, string folder, SourceLocation? location)
    {
        if (parts.Count == 1)
        {
            return parts[0];
        }

        var first = parts[0];
        if (parts.Any(p => p.ElementType != first.ElementType || !p.Shape.Skip(1).SequenceEqual(first.Shape.Skip(1)) || p.Shape.Length == 0))
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"The test-data sets in '{folder}' give input '{input}' different types or shapes ({string.Join(", ", parts.Select(p => Tensor.FormatShape(p.Shape)))}); they cannot be stacked.", location);
        }

        var shape = (long[])first.Shape.Clone();
        shape[0] = parts.Sum(p => p.Shape[0]);
        var data = Array.CreateInstance(first.Data.GetType().GetElementType()!, parts.Sum(p => p.Data.Length));
        var offset = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Data, 0, data, offset, part.Data.Length);
            offset += part.Data.Length;
        }

        return Tensor.Create(first.ElementType, data, shape);
    }
}
